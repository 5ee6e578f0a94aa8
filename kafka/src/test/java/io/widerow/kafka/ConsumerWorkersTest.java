package io.widerow.kafka;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.codahale.metrics.MetricRegistry;
import io.widerow.core.metrics.StageMetrics;
import org.junit.jupiter.api.Test;

class ConsumerWorkersTest {

  @Test
  void refusesZeroWorkersNamingTheValue() {
    assertThatThrownBy(
            () ->
                ConsumerWorkers.create(
                    0,
                    new io.widerow.core.pipeline.KafkaSpec("127.0.0.1:1", "t", 1),
                    "g",
                    "c",
                    java.util.Optional.empty(),
                    "t",
                    10,
                    batch -> {},
                    new StageMetrics(new MetricRegistry(), "test"),
                    t -> {}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("workers must be at least 1, was 0");
  }
}
