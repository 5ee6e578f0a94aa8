package io.widerow.kafka;

import io.widerow.core.deadletter.DeadLetter;
import io.widerow.core.deadletter.DeadLetterSink;
import io.widerow.core.pipeline.KafkaSpec;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Future;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes dead letters to the pipeline's {@code .dlq} topic: the original key and value, with the
 * stage, reason and source position as headers {@code widerow.stage}, {@code widerow.reason},
 * {@code widerow.where}.
 */
public final class KafkaDeadLetterSink implements DeadLetterSink, AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(KafkaDeadLetterSink.class);

  /**
   * The largest original value a dead letter carries. Kafka refuses a record above the producer's
   * {@code max.request.size} (1 MiB by default) on every retry, so a larger value (an oversized
   * row) is left out, with header {@code widerow.value_dropped} giving its size: the letter still
   * says what and where, and the source row can be read again from there.
   */
  static final int MAX_VALUE_BYTES = 512 * 1024;

  private final Producer<byte[], byte[]> producer;
  private final String topic;

  public KafkaDeadLetterSink(Producer<byte[], byte[]> producer, String topic) {
    this.producer = producer;
    this.topic = topic;
  }

  /** A sink with a producer of its own. */
  public static KafkaDeadLetterSink create(KafkaSpec bootstrap, String clientId, String topic) {
    return new KafkaDeadLetterSink(KafkaClients.producer(bootstrap, clientId), topic);
  }

  @Override
  public void close() {
    producer.close(java.time.Duration.ofSeconds(10));
  }

  @Override
  public void send(List<DeadLetter> letters) throws Exception {
    List<Future<RecordMetadata>> acks = new ArrayList<>(letters.size());
    for (DeadLetter letter : letters) {
      boolean fits = letter.value() == null || letter.value().length <= MAX_VALUE_BYTES;
      ProducerRecord<byte[], byte[]> record =
          new ProducerRecord<>(topic, letter.key(), fits ? letter.value() : null);
      record.headers().add("widerow.stage", utf8(letter.stage()));
      record.headers().add("widerow.reason", utf8(letter.reason()));
      record.headers().add("widerow.where", utf8(letter.where()));
      if (!fits) {
        record.headers().add("widerow.value_dropped", utf8(letter.value().length + " bytes"));
      }
      LOG.warn("{}: dead letter at {}: {}", letter.stage(), letter.where(), letter.reason());
      acks.add(producer.send(record));
    }
    for (Future<RecordMetadata> ack : acks) {
      ack.get();
    }
  }

  private static byte[] utf8(String s) {
    return String.valueOf(s).getBytes(StandardCharsets.UTF_8);
  }
}
