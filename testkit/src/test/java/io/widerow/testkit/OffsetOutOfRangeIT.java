package io.widerow.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.codahale.metrics.MetricRegistry;
import io.widerow.core.metrics.StageMetrics;
import io.widerow.core.pipeline.KafkaSpec;
import io.widerow.core.service.FatalException;
import io.widerow.kafka.ConsumeLoop;
import io.widerow.kafka.KafkaClients;
import io.widerow.stack.StackEndpoints;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.RecordsToDelete;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A stage's consumer on the real broker: a group that never committed starts from the beginning,
 * and a group whose committed offset was deleted under it stops with a fatal error naming topic and
 * partition, instead of silently skipping to what is left.
 */
@ExtendWith(LocalStackExtension.class)
class OffsetOutOfRangeIT {

  private static final Duration DEADLINE = Duration.ofSeconds(60);

  @Test
  void aNewGroupReadsFromTheBeginningAndAnExpiredPositionIsFatal(StackEndpoints stack)
      throws Exception {
    String topic = "offsets-it-" + UUID.randomUUID();
    TopicPartition partition = new TopicPartition(topic, 0);
    KafkaSpec kafka = new KafkaSpec(stack.kafkaBootstrap(), "it", 1);
    try (Admin admin = KafkaClients.admin(kafka)) {
      KafkaClients.ensureTopics(admin, List.of(KafkaClients.keyTopic(topic, 1, (short) 1)));
      try (KafkaProducer<byte[], byte[]> producer = KafkaClients.producer(kafka, "offsets-it")) {
        for (int i = 0; i < 6; i++) {
          producer.send(new ProducerRecord<>(topic, 0, bytes("k" + i), bytes("v" + i))).get();
        }
      }

      // A new group: all six records.
      AtomicInteger handled = new AtomicInteger();
      List<Throwable> failures = new CopyOnWriteArrayList<>();
      ConsumeLoop fresh = loop(kafka, "fresh-" + topic, topic, handled, failures);
      Thread thread = new Thread(fresh);
      thread.start();
      await("a new group reads all 6 records").atMost(DEADLINE).until(() -> handled.get() == 6);
      fresh.stop();
      thread.join(DEADLINE.toMillis());
      assertThat(failures).isEmpty();

      // A group that committed offset 2, then records up to 4 deleted beneath it.
      String group = "expired-" + topic;
      admin
          .alterConsumerGroupOffsets(group, Map.of(partition, new OffsetAndMetadata(2)))
          .all()
          .get();
      admin.deleteRecords(Map.of(partition, RecordsToDelete.beforeOffset(4))).all().get();
      AtomicInteger skipped = new AtomicInteger();
      ConsumeLoop expired = loop(kafka, group, topic, skipped, failures);
      Thread second = new Thread(expired);
      second.start();
      await("the expired group stops").atMost(DEADLINE).until(() -> !failures.isEmpty());
      second.join(DEADLINE.toMillis());

      assertThat(skipped.get()).as("nothing read past the gap").isZero();
      assertThat(failures)
          .singleElement()
          .isInstanceOf(FatalException.class)
          .extracting(Throwable::getMessage)
          .asString()
          .contains("consumer group " + group)
          .contains("topic " + topic + " partition 0 offset 2")
          .contains("--reset-offsets");
      admin.deleteTopics(List.of(topic)).all().get();
    }
  }

  private static ConsumeLoop loop(
      KafkaSpec kafka,
      String group,
      String topic,
      AtomicInteger handled,
      List<Throwable> failures) {
    return new ConsumeLoop(
        group,
        KafkaClients.stageConsumer(kafka, group, group, 100, java.util.Optional.empty()),
        topic,
        batch -> handled.addAndGet(batch.size()),
        new StageMetrics(new MetricRegistry(), group),
        failures::add);
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
