package io.widerow.kafka;

import io.widerow.core.pipeline.KafkaSpec;
import io.widerow.core.row.KeyMessage;
import io.widerow.core.row.KeyPublisher;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Future;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;

/**
 * Publishes rowkeys to a topic (changes or keys), keyed by rowkey so one row stays on one
 * partition.
 */
public final class KafkaKeyPublisher implements KeyPublisher {

  private final Producer<byte[], byte[]> producer;
  private final String topic;

  public KafkaKeyPublisher(Producer<byte[], byte[]> producer, String topic) {
    this.producer = producer;
    this.topic = topic;
  }

  public static KafkaKeyPublisher create(KafkaSpec bootstrap, String clientId, String topic) {
    return new KafkaKeyPublisher(KafkaClients.producer(bootstrap, clientId), topic);
  }

  @Override
  public void publish(List<KeyMessage> keys) throws Exception {
    List<Future<RecordMetadata>> acks = new ArrayList<>(keys.size());
    for (KeyMessage key : keys) {
      acks.add(
          producer.send(
              new ProducerRecord<>(
                  topic, key.rowkey().getBytes(StandardCharsets.UTF_8), key.encodeValue())));
    }
    // Send the batch now rather than after linger.ms, then wait for every ack here: an exception
    // in a send callback would go nowhere.
    producer.flush();
    for (Future<RecordMetadata> ack : acks) {
      ack.get();
    }
  }

  @Override
  public void close() {
    producer.close(Duration.ofSeconds(10));
  }
}
