package io.widerow.kafka;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RebalanceInProgressException;

/**
 * Kafka's {@link MockConsumer} on one topic, scripted poll by poll, that keeps every commit: so
 * that a test can drive a {@link ConsumeLoop} on its own thread, with no broker and no waiting, and
 * see exactly which offsets it committed and when.
 */
public final class ScriptedConsumer extends MockConsumer<byte[], byte[]> {

  private final String topic;
  private final Map<Integer, Long> nextOffsets = new HashMap<>();
  private final List<Map<Integer, Long>> commits = new ArrayList<>();
  private Runnable onCommit = () -> {};
  private int refusedCommits;

  public ScriptedConsumer(String topic, int partitions) {
    super("earliest");
    this.topic = topic;
    Map<TopicPartition, Long> beginning = new HashMap<>();
    for (int p = 0; p < partitions; p++) {
      beginning.put(new TopicPartition(topic, p), 0L);
      nextOffsets.put(p, 0L);
    }
    updateBeginningOffsets(beginning);
  }

  /** What the next poll does before it returns (assign, add records, stop the loop), in order. */
  public ScriptedConsumer nextPoll(Consumer<ScriptedConsumer> step) {
    schedulePollTask(() -> step.accept(this));
    return this;
  }

  /** The group gives this consumer exactly these partitions (revoking the others). */
  public void assignOnly(Integer... partitions) {
    rebalance(Arrays.stream(partitions).map(p -> new TopicPartition(topic, p)).toList());
  }

  /** Appends a record to the partition, at its next offset. */
  public void add(int partition, byte[] key, byte[] value) {
    long offset = nextOffsets.merge(partition, 1L, Long::sum) - 1;
    addRecord(new ConsumerRecord<>(topic, partition, offset, key, value));
  }

  /** Runs at each commit, before it is kept: to see what the stage had done by then. */
  public void onCommit(Runnable hook) {
    this.onCommit = hook;
  }

  /** The next {@code n} commits fail as a broker fails them while the group rebalances. */
  public void refuseCommits(int n) {
    this.refusedCommits = n;
  }

  @Override
  public synchronized void commitSync(Map<TopicPartition, OffsetAndMetadata> offsets) {
    if (refusedCommits > 0) {
      refusedCommits--;
      throw new RebalanceInProgressException("the group is rebalancing (scripted)");
    }
    onCommit.run();
    Map<Integer, Long> byPartition = new TreeMap<>();
    offsets.forEach((tp, o) -> byPartition.put(tp.partition(), o.offset()));
    commits.add(byPartition);
    super.commitSync(offsets);
  }

  /** Every commit so far, in order, as partition → next offset. */
  public synchronized List<Map<Integer, Long>> commits() {
    return List.copyOf(commits);
  }
}
