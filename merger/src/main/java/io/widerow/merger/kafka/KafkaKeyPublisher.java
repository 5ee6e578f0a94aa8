package io.widerow.merger.kafka;

import io.widerow.common.kafka.KafkaClients;
import io.widerow.common.row.KeyMessage;
import io.widerow.merger.KeyPublisher;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Future;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;

/**
 * Publishes keys to a topic keyed by rowkey, so one key's messages stay in order on a partition.
 */
public final class KafkaKeyPublisher implements KeyPublisher {

  private final Producer<byte[], byte[]> producer;
  private final String topic;

  public KafkaKeyPublisher(Producer<byte[], byte[]> producer, String topic) {
    this.producer = producer;
    this.topic = topic;
  }

  public static KafkaKeyPublisher create(String bootstrap, String clientId, String topic) {
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
    // Never throw from a send callback (the exception would go nowhere): wait here instead.
    for (Future<RecordMetadata> ack : acks) {
      ack.get();
    }
  }

  @Override
  public void close() {
    producer.close(Duration.ofSeconds(10));
  }
}
