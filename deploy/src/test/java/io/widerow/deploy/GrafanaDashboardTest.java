package io.widerow.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.codahale.metrics.MetricRegistry;
import com.codahale.metrics.jvm.MemoryUsageGaugeSet;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.prometheus.client.Collector;
import io.prometheus.client.dropwizard.DropwizardExports;
import io.widerow.core.metrics.StageMetrics;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Every series the dashboard charts is one the services export on /metrics/prometheus. */
class GrafanaDashboardTest {

  private static final Pattern SERIES = Pattern.compile("([a-z_][a-z0-9_]*)\\{");

  @Test
  void everyChartedSeriesIsExported() throws IOException {
    MetricRegistry registry = new MetricRegistry();
    for (String stage : List.of("ingest", "merger", "indexer")) {
      new StageMetrics(registry, stage).backlogFrom(() -> 0);
    }
    registry.register("jvm.memory", new MemoryUsageGaugeSet()); // as ServiceMain does
    Set<String> exported = new HashSet<>();
    for (Collector.MetricFamilySamples family : new DropwizardExports(registry).collect()) {
      family.samples.forEach(s -> exported.add(s.name));
    }

    JsonNode dashboard =
        new ObjectMapper().readTree(Path.of("grafana/widerow-dashboard.json").toFile());
    Set<String> charted = new TreeSet<>();
    for (JsonNode panel : dashboard.path("panels")) {
      assertThat(panel.path("targets").size()).as(panel.path("title").asText()).isPositive();
      for (JsonNode target : panel.path("targets")) {
        for (Matcher m = SERIES.matcher(target.path("expr").asText()); m.find(); ) {
          charted.add(m.group(1));
        }
      }
    }
    assertThat(charted).contains("merger_consumer_lag", "indexer_lag_ms", "ingest_out_total");
    assertThat(exported).containsAll(charted);
  }
}
