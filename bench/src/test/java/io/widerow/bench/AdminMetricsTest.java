package io.widerow.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class AdminMetricsTest {

  @Test
  void countersMetersAndTimersGiveCountsAndTimersTheirMeanInMs() throws Exception {
    String json =
        """
        {"version":"4.0.0","gauges":{"jvm.memory.heap.used":{"value":123}},
         "counters":{"indexer.docs_indexed":{"count":42}},
         "meters":{"ingest.in":{"count":1000,"m1_rate":3.5,"units":"events/second"}},
         "timers":{"indexer.bulk":{"count":7,"mean":12.5,"duration_units":"milliseconds"}}}
        """;
    AdminMetrics.Values v = AdminMetrics.parse(new ObjectMapper().readTree(json));
    assertThat(v.counts())
        .containsEntry("indexer.docs_indexed", 42L)
        .containsEntry("ingest.in", 1000L)
        .containsEntry("indexer.bulk", 7L)
        .doesNotContainKey("jvm.memory.heap.used");
    assertThat(v.meanMillis()).containsEntry("indexer.bulk", 12.5);
    StageCounts counts = StageCounts.of(v);
    assertThat(counts.get("ingest.in")).isEqualTo(1000);
    assertThat(counts.get("indexer.docs_indexed")).isEqualTo(42);
    assertThat(counts.get("merger.in")).isZero();
  }
}
