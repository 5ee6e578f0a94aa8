package io.widerow.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.widerow.kafka.KafkaClients;
import io.widerow.stack.StackEndpoints;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(LocalStackExtension.class)
class KafkaSmokeIT {

  @Test
  void consumesWhatWasProduced(StackEndpoints stack) throws Exception {
    String topic = "smoke-it-" + UUID.randomUUID();
    try (Admin admin = KafkaClients.admin(stack.kafkaBootstrap())) {
      KafkaClients.ensureTopics(admin, List.of(KafkaClients.keyTopic(topic, 2, (short) 1)));
    }
    try (KafkaProducer<byte[], byte[]> producer =
        KafkaClients.producer(stack.kafkaBootstrap(), "smoke-producer")) {
      for (int i = 0; i < 10; i++) {
        producer.send(new ProducerRecord<>(topic, bytes("key-" + i), bytes("value-" + i))).get();
      }
    }
    List<String> values = new ArrayList<>();
    try (KafkaConsumer<byte[], byte[]> consumer =
        KafkaClients.consumer(stack.kafkaBootstrap(), "smoke-" + topic, "smoke-consumer", 100)) {
      consumer.subscribe(List.of(topic));
      await("10 records consumed from " + topic)
          .atMost(Duration.ofSeconds(60))
          .pollInSameThread()
          .pollInterval(Duration.ofMillis(1)) // the poll itself waits up to 500 ms
          .until(
              () -> {
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(500))) {
                  values.add(new String(r.value(), StandardCharsets.UTF_8));
                }
                return values.size() >= 10;
              });
      consumer.commitSync();
    }
    assertThat(values).hasSize(10).contains("value-0", "value-9");
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
