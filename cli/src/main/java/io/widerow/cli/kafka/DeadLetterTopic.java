package io.widerow.cli.kafka;

import io.widerow.core.pipeline.Pipeline;
import io.widerow.kafka.KafkaClients;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;

/**
 * A pipeline's dead-letter topic as {@code widerow dlq} reads it: every partition from an offset up
 * to where it ended when the read began (letters a replay adds are not read again), with the
 * headers the stages write; plus raw publishing of a letter's record to the topic of its stage.
 */
public final class DeadLetterTopic implements AutoCloseable {

  /** One dead letter as stored. */
  public record Letter(
      int partition,
      long offset,
      long timestampMs,
      String stage,
      String reason,
      String where,
      byte[] key,
      byte[] value,
      String valueDropped) {

    /** {@code partition@offset}: what {@code dlq list} prints and {@code --from} counts. */
    public String position() {
      return partition + "@" + offset;
    }
  }

  /** Takes each letter; may throw to stop the read. */
  @FunctionalInterface
  public interface LetterHandler {
    void accept(Letter letter) throws Exception;
  }

  private static final Duration POLL = Duration.ofMillis(500);
  private static final Duration IDLE_LIMIT = Duration.ofSeconds(30);

  private final Pipeline pipeline;
  private final String clientId;
  private KafkaProducer<byte[], byte[]> producer;

  private DeadLetterTopic(Pipeline pipeline, String clientId) {
    this.pipeline = pipeline;
    this.clientId = clientId;
  }

  public static DeadLetterTopic open(Pipeline pipeline) {
    return new DeadLetterTopic(pipeline, "widerow-dlq-" + pipeline.name());
  }

  /**
   * Hands over each letter of every partition from offset {@code from} up to {@code to}
   * (inclusive), in offset order per partition.
   *
   * @return how many letters were handed over
   */
  public long read(long from, long to, LetterHandler handler) throws Exception {
    String topic = pipeline.topics().dlq();
    try (KafkaConsumer<byte[], byte[]> consumer =
        KafkaClients.consumer(pipeline.kafka(), clientId + "-reader", clientId, 500)) {
      List<PartitionInfo> infos = consumer.partitionsFor(topic, Duration.ofSeconds(30));
      if (infos == null || infos.isEmpty()) {
        return 0;
      }
      List<TopicPartition> partitions =
          infos.stream().map(i -> new TopicPartition(topic, i.partition())).toList();
      consumer.assign(partitions);
      Map<TopicPartition, Long> end = new HashMap<>(consumer.endOffsets(partitions));
      Map<TopicPartition, Long> begin = consumer.beginningOffsets(partitions);
      for (TopicPartition tp : partitions) {
        consumer.seek(tp, Math.max(from, begin.get(tp)));
        end.put(tp, Math.min(end.get(tp), to == Long.MAX_VALUE ? Long.MAX_VALUE : to + 1));
      }
      return drain(consumer, end, handler);
    }
  }

  private static long drain(
      KafkaConsumer<byte[], byte[]> consumer, Map<TopicPartition, Long> end, LetterHandler handler)
      throws Exception {
    long handed = 0;
    long idleSince = System.nanoTime();
    while (!done(consumer, end)) {
      var records = consumer.poll(POLL);
      if (records.isEmpty()) {
        if (System.nanoTime() - idleSince > IDLE_LIMIT.toNanos()) {
          throw new IllegalStateException(
              "the dead-letter topic gave no records for " + IDLE_LIMIT.toSeconds() + " s");
        }
        continue;
      }
      idleSince = System.nanoTime();
      for (ConsumerRecord<byte[], byte[]> r : records) {
        TopicPartition tp = new TopicPartition(r.topic(), r.partition());
        if (r.offset() < end.get(tp)) {
          handler.accept(letter(r));
          handed++;
        }
      }
    }
    return handed;
  }

  private static boolean done(
      KafkaConsumer<byte[], byte[]> consumer, Map<TopicPartition, Long> end) {
    for (Map.Entry<TopicPartition, Long> e : end.entrySet()) {
      if (consumer.position(e.getKey()) < e.getValue()) {
        return false;
      }
    }
    return true;
  }

  private static Letter letter(ConsumerRecord<byte[], byte[]> r) {
    return new Letter(
        r.partition(),
        r.offset(),
        r.timestamp(),
        header(r, "widerow.stage"),
        header(r, "widerow.reason"),
        header(r, "widerow.where"),
        r.key(),
        r.value(),
        header(r, "widerow.value_dropped"));
  }

  private static String header(ConsumerRecord<byte[], byte[]> record, String name) {
    Header header = record.headers().lastHeader(name);
    return header == null ? "" : new String(header.value(), StandardCharsets.UTF_8);
  }

  /** Publishes a record to {@code topic} and waits until it is acknowledged. */
  public void publish(String topic, byte[] key, byte[] value) throws Exception {
    if (producer == null) {
      producer = KafkaClients.producer(pipeline.kafka(), clientId + "-replay");
    }
    producer.send(new ProducerRecord<>(topic, key, value)).get(30, TimeUnit.SECONDS);
  }

  @Override
  public void close() {
    if (producer != null) {
      producer.close(Duration.ofSeconds(10));
    }
  }
}
