package io.widerow.common.kafka;

import io.widerow.common.deadletter.DeadLetter;
import io.widerow.common.deadletter.DeadLetterSink;
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

  private final Producer<byte[], byte[]> producer;
  private final String topic;

  public KafkaDeadLetterSink(Producer<byte[], byte[]> producer, String topic) {
    this.producer = producer;
    this.topic = topic;
  }

  /** A sink with a producer of its own. */
  public static KafkaDeadLetterSink create(String bootstrap, String clientId, String topic) {
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
      ProducerRecord<byte[], byte[]> record =
          new ProducerRecord<>(topic, letter.key(), letter.value());
      record.headers().add("widerow.stage", utf8(letter.stage()));
      record.headers().add("widerow.reason", utf8(letter.reason()));
      record.headers().add("widerow.where", utf8(letter.where()));
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
