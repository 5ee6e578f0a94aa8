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
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.NoOffsetForPartitionException;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.consumer.OffsetOutOfRangeException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Polls one topic and hands each poll's records to a handler; commits the offsets of exactly those
 * records only after the handler returned, i.e. after the next stage acknowledged (invariant 4).
 * Any failure ends the loop and is reported to the owner, who stops the service: the uncommitted
 * batch is replayed after restart.
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
      consumer.close(CLOSE_TIMEOUT);
    }
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
      // Only now, and only these records: a rebalance between polls finds nothing handled
      // uncommitted, and nothing unhandled committed.
      consumer.commitSync(nextOffsets(records));
    }
    backlog = measureBacklog();
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
   * Logs where the loop's partitions went. Commits nothing: every handled batch was committed
   * before the poll in which Kafka calls back, and what was not handled must be replayed.
   */
  private final class RebalanceLog implements ConsumerRebalanceListener {
    @Override
    public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
      if (!partitions.isEmpty()) {
        LOG.info("{}: partitions revoked: {}", name, partitions);
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
