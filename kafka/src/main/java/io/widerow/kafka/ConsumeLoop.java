package io.widerow.kafka;

import io.widerow.core.metrics.StageMetrics;
import io.widerow.core.row.IncomingMessage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Polls one topic and hands each poll's records to a handler; commits the poll's offsets only after
 * the handler returned, i.e. after the next stage acknowledged (invariant 4). Any failure ends the
 * loop and is reported to the owner, who stops the service: the uncommitted batch is replayed after
 * restart.
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

  private final String name;
  private final KafkaConsumer<byte[], byte[]> consumer;
  private final String topic;
  private final BatchHandler handler;
  private final StageMetrics metrics;
  private final FailureListener onFailure;
  private volatile boolean running = true;
  private volatile long backlog = -1;

  public ConsumeLoop(
      String name,
      KafkaConsumer<byte[], byte[]> consumer,
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

  /** A loop with its own consumer in group {@code groupId}. */
  public static ConsumeLoop create(
      String bootstrap,
      String groupId,
      String clientId,
      String topic,
      int maxPollRecords,
      BatchHandler handler,
      StageMetrics metrics,
      FailureListener onFailure) {
    return new ConsumeLoop(
        clientId,
        KafkaClients.consumer(bootstrap, groupId, clientId, maxPollRecords),
        topic,
        handler,
        metrics,
        onFailure);
  }

  @Override
  public void run() {
    try {
      consumer.subscribe(List.of(topic));
      while (running) {
        ConsumerRecords<byte[], byte[]> records = consumer.poll(Duration.ofMillis(200));
        if (!records.isEmpty()) {
          handler.handle(toMessages(records));
          consumer.commitSync();
        }
        backlog = measureBacklog();
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
      consumer.close(Duration.ofSeconds(5));
    }
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
    if (assigned.isEmpty()) {
      return 0;
    }
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

  private static List<IncomingMessage> toMessages(ConsumerRecords<byte[], byte[]> records) {
    List<IncomingMessage> batch = new ArrayList<>(records.count());
    for (ConsumerRecord<byte[], byte[]> r : records) {
      batch.add(
          new IncomingMessage(
              r.key(), r.value(), r.topic() + "-" + r.partition() + "@" + r.offset()));
    }
    return batch;
  }
}
