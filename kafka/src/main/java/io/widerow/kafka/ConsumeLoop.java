package io.widerow.kafka;

import io.widerow.core.metrics.StageMetrics;
import io.widerow.core.row.IncomingMessage;
import io.widerow.core.service.FatalException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.NoOffsetForPartitionException;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.consumer.OffsetOutOfRangeException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RebalanceInProgressException;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Polls one topic and hands each poll's records to a handler; commits the offsets of exactly those
 * records only after the handler returned, i.e. after the next stage acknowledged (invariant 4).
 * Any failure ends the loop and is reported to the owner, who stops the service: the uncommitted
 * batch is replayed after restart.
 *
 * <p>Rebalances: a handled batch's offsets are committed before the next poll, and a commit the
 * group refuses while it rebalances is kept and made when its partitions are revoked (or after the
 * next poll), so a partition handed to another member resumes where this one stopped. A partition
 * lost without a revocation (this member was evicted) drops its uncommitted offsets: the new owner
 * replays those records, which invariants 1-3 make harmless.
 */
public final class ConsumeLoop implements Runnable {

  /** Processes one poll's records; returns only when their effects are acknowledged. */
  @FunctionalInterface
  public interface BatchHandler {
    void handle(List<IncomingMessage> batch) throws Exception;
  }

  /** Told once when the loop ends because of a failure. */
  @FunctionalInterface
  public interface FailureListener {
    void failed(Throwable t);
  }

  private static final Logger LOG = LoggerFactory.getLogger(ConsumeLoop.class);

  /**
   * How long one poll waits when nothing arrives. A poll returns as soon as records do, and stop()
   * wakes it, so a longer wait costs no freshness; it only spares an idle stage's thread wake-ups
   * (at 200 ms each of a service's consumers woke 5 times a second to find nothing).
   */
  static final Duration POLL_TIMEOUT = Duration.ofSeconds(1);

  private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(5);

  private final String name;
  private final Consumer<byte[], byte[]> consumer;
  private final String topic;
  private final BatchHandler handler;
  private final StageMetrics metrics;
  private final FailureListener onFailure;

  /** Handled, not yet committed: empty but between a handler's return and its commit. */
  private final Map<TopicPartition, OffsetAndMetadata> handled = new HashMap<>();

  private volatile boolean running = true;
  private volatile long backlog = -1;

  /**
   * @param consumer a consumer that never commits on its own ({@link KafkaClients#consumer}); the
   *     loop owns it and closes it on its own thread
   */
  public ConsumeLoop(
      String name,
      Consumer<byte[], byte[]> consumer,
      String topic,
      BatchHandler handler,
      StageMetrics metrics,
      FailureListener onFailure) {
    this.name = name;
    this.consumer = consumer;
    this.topic = topic;
    this.handler = handler;
    this.metrics = metrics;
    this.onFailure = onFailure;
  }

  @Override
  public void run() {
    try {
      consumer.subscribe(List.of(topic), new RebalanceLog());
      while (running) {
        pollOnce();
      }
    } catch (WakeupException e) {
      if (running) {
        onFailure.failed(e);
      }
    } catch (Throwable t) {
      LOG.error("{}: consuming {} failed; stopping: {}", name, topic, t.toString());
      metrics.error();
      onFailure.failed(t);
    } finally {
      close();
    }
  }

  /**
   * A stopped loop leaves the group at once, static member or not, so its partitions move now
   * rather than after the session timeout; a failed one keeps a static membership, for a restart
   * under the same instance id to take its partitions back without a rebalance.
   */
  private void close() {
    CloseOptions.GroupMembershipOperation membership =
        running
            ? CloseOptions.GroupMembershipOperation.DEFAULT
            : CloseOptions.GroupMembershipOperation.LEAVE_GROUP;
    if (!running) {
      try {
        commitHandled();
      } catch (RuntimeException e) {
        LOG.info(
            "{}: last commit on stop failed ({}); those records are replayed", name, e.toString());
      }
    }
    consumer.close(CloseOptions.timeout(CLOSE_TIMEOUT).withGroupMembershipOperation(membership));
  }

  private void pollOnce() throws Exception {
    ConsumerRecords<byte[], byte[]> records;
    try {
      records = consumer.poll(POLL_TIMEOUT);
    } catch (NoOffsetForPartitionException e) {
      // A partition the group never committed for: all of it is new to the stage.
      LOG.info("{}: no committed offset for {}; starting from the beginning", name, e.partitions());
      consumer.seekToBeginning(e.partitions());
      return;
    } catch (OffsetOutOfRangeException e) {
      throw offsetGone(e);
    }
    if (!records.isEmpty()) {
      handler.handle(toMessages(records));
      // Only now, and only these records: nothing unhandled is ever committed.
      handled.putAll(nextOffsets(records));
    }
    commitHandled();
    backlog = measureBacklog();
  }

  /**
   * Commits what was handled. While the group rebalances the broker refuses commits: the offsets
   * stay, to be committed when their partitions are revoked or after the next poll.
   */
  private void commitHandled() {
    if (handled.isEmpty()) {
      return;
    }
    try {
      consumer.commitSync(handled);
      handled.clear();
    } catch (RebalanceInProgressException e) {
      LOG.info(
          "{}: group rebalancing; commit of {} deferred to the revocation or the next poll",
          name,
          handled.keySet());
    }
  }

  /**
   * The group's committed position is no longer in the topic (retention deleted it, or the topic
   * was recreated): going on from the earliest or latest offset would silently skip records.
   */
  FatalException offsetGone(OffsetOutOfRangeException e) {
    return new FatalException(
        outOfRangeMessage(consumer.groupMetadata().groupId(), e.offsetOutOfRangePartitions()));
  }

  static String outOfRangeMessage(String group, Map<TopicPartition, Long> positions) {
    StringBuilder where = new StringBuilder();
    positions.forEach(
        (tp, offset) ->
            where
                .append(where.length() == 0 ? "" : ", ")
                .append("topic ")
                .append(tp.topic())
                .append(" partition ")
                .append(tp.partition())
                .append(" offset ")
                .append(offset));
    String topic = positions.keySet().stream().map(TopicPartition::topic).findFirst().orElse("?");
    return "consumer group "
        + group
        + ": the committed position is out of range ("
        + where
        + "): the records after it have expired or the topic was recreated, so continuing would"
        + " skip them. Rebuild what the stage lost (`widerow verify --pipeline FILE --repair`),"
        + " then move the group on: kafka-consumer-groups --bootstrap-server ... --group "
        + group
        + " --topic "
        + topic
        + " --reset-offsets --to-earliest --execute";
  }

  /** Makes the loop leave its poll and end; the consumer is closed on the loop's thread. */
  public void stop() {
    running = false;
    consumer.wakeup();
  }

  /** Records waiting in the assigned partitions; -1 while unknown. */
  public long backlog() {
    return backlog;
  }

  private long measureBacklog() {
    Set<TopicPartition> assigned = consumer.assignment();
    long sum = 0;
    for (TopicPartition tp : assigned) {
      var lag = consumer.currentLag(tp);
      if (lag.isEmpty()) {
        return -1;
      }
      sum += lag.getAsLong();
    }
    return sum;
  }

  /** Per partition of the poll, the offset after its last record: what a restart resumes from. */
  static Map<TopicPartition, OffsetAndMetadata> nextOffsets(
      ConsumerRecords<byte[], byte[]> records) {
    Map<TopicPartition, OffsetAndMetadata> next = new HashMap<>();
    for (TopicPartition tp : records.partitions()) {
      List<ConsumerRecord<byte[], byte[]>> of = records.records(tp);
      next.put(tp, new OffsetAndMetadata(of.get(of.size() - 1).offset() + 1));
    }
    return next;
  }

  private static List<IncomingMessage> toMessages(ConsumerRecords<byte[], byte[]> records) {
    List<IncomingMessage> batch = new ArrayList<>(records.count());
    for (ConsumerRecord<byte[], byte[]> r : records) {
      batch.add(
          new IncomingMessage(
              r.key(), r.value(), r.topic() + "-" + r.partition() + "@" + r.offset()));
    }
    return batch;
  }

  /**
   * Commits the handled offsets of partitions that leave this member (called inside poll, where a
   * commit is allowed), and logs where the partitions went. What was not handled is not committed:
   * the next owner reads it.
   */
  private final class RebalanceLog implements ConsumerRebalanceListener {
    @Override
    public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
      if (partitions.isEmpty()) {
        return;
      }
      Map<TopicPartition, OffsetAndMetadata> leaving = new HashMap<>();
      partitions.forEach(
          tp -> {
            OffsetAndMetadata offset = handled.remove(tp);
            if (offset != null) {
              leaving.put(tp, offset);
            }
          });
      if (!leaving.isEmpty()) {
        try {
          consumer.commitSync(leaving);
        } catch (RuntimeException e) {
          LOG.warn(
              "{}: commit on revocation of {} failed ({}); the next owner replays from the last"
                  + " commit",
              name,
              leaving.keySet(),
              e.toString());
        }
      }
      LOG.info(
          "{}: partitions revoked: {} (committed on revocation: {})", name, partitions, leaving);
    }

    @Override
    public void onPartitionsLost(Collection<TopicPartition> partitions) {
      partitions.forEach(handled::remove);
      if (!partitions.isEmpty()) {
        LOG.warn(
            "{}: partitions lost (this member was evicted): {}; the new owner replays their"
                + " uncommitted records",
            name,
            partitions);
      }
    }

    @Override
    public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
      if (!partitions.isEmpty()) {
        LOG.info("{}: partitions assigned: {}", name, partitions);
      }
    }
  }
}
