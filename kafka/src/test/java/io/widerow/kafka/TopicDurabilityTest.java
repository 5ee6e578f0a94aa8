package io.widerow.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import io.widerow.core.pipeline.TopicSettings;
import io.widerow.core.service.FatalException;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

class TopicDurabilityTest {

  private static final TopicSettings THREE_TWO = new TopicSettings(3, 2, 1000);

  @Test
  void aTopicAsAskedForIsFine() {
    assertThat(TopicDurability.judge("t", 3, Optional.of(2), THREE_TWO, "kafka.topics.keys"))
        .isEmpty();
  }

  @Test
  void aDifferentFactorOrMinInsyncIsReportedNamingTopicFoundAndExpected() {
    assertThat(TopicDurability.judge("w.o.keys", 1, Optional.of(1), THREE_TWO, "kafka.topics.keys"))
        .containsExactly(
            "topic w.o.keys: replication factor found 1, expected 3"
                + " (kafka.topics.keys.replicationFactor); Kafka does not change it for an"
                + " existing topic",
            "topic w.o.keys: min.insync.replicas found 1, expected 2"
                + " (kafka.topics.keys.minInsyncReplicas)");
  }

  @Test
  void aFactorBelowMinInsyncIsFatal() {
    assertThatExceptionOfType(FatalException.class)
        .isThrownBy(
            () ->
                TopicDurability.judge(
                    "w.o.dlq", 1, Optional.of(2), THREE_TWO, "kafka.topics.deadLetters"))
        .withMessageStartingWith(
            "topic w.o.dlq has replication factor 1 below its min.insync.replicas 2");
  }

  @Test
  void anOutOfRangeOffsetNamesTopicPartitionAndTheWayOn() {
    assertThat(
            ConsumeLoop.outOfRangeMessage(
                "orders-indexer", Map.of(new TopicPartition("w.orders.keys", 3), 42L)))
        .contains("consumer group orders-indexer")
        .contains("topic w.orders.keys partition 3 offset 42")
        .contains("--group orders-indexer --topic w.orders.keys --reset-offsets --to-earliest");
  }
}
