package io.widerow.bench;

import com.codahale.metrics.MetricRegistry;
import io.widerow.local.LocalPipeline;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The services' counters at one instant; two of them give each stage's throughput over a phase.
 * Names are the services' own metric names, so a reader finds them on the admin endpoints.
 */
record StageCounts(long nanos, Map<String, Long> counts, Map<String, Double> meanMillis) {

  static final String[] COUNTERS = {
    "ingest.in",
    "ingest.cells_written",
    "ingest.out",
    "merger.in",
    "merger.out",
    "indexer.in",
    "indexer.out",
    "indexer.docs_indexed"
  };
  static final String[] TIMERS = {"ingest.call", "ingest.publish", "indexer.read", "indexer.bulk"};

  static StageCounts of(LocalPipeline services) {
    Map<String, Long> counts = new LinkedHashMap<>();
    Map<String, Double> means = new LinkedHashMap<>();
    for (String name : COUNTERS) {
      counts.put(name, count(registry(services, name), name));
    }
    for (String name : TIMERS) {
      var timer = registry(services, name).getTimers().get(name);
      means.put(name, timer == null ? Double.NaN : timer.getSnapshot().getMean() / 1e6);
    }
    return new StageCounts(System.nanoTime(), counts, means);
  }

  /** The same counts from metrics read elsewhere (the services' admin ports). */
  static StageCounts of(AdminMetrics.Values values) {
    Map<String, Long> counts = new LinkedHashMap<>();
    Map<String, Double> means = new LinkedHashMap<>();
    for (String name : COUNTERS) {
      counts.put(name, values.counts().getOrDefault(name, 0L));
    }
    for (String name : TIMERS) {
      means.put(name, values.meanMillis().getOrDefault(name, Double.NaN));
    }
    return new StageCounts(System.nanoTime(), counts, means);
  }

  private static MetricRegistry registry(LocalPipeline services, String metric) {
    return services.service(metric.substring(0, metric.indexOf('.'))).metrics();
  }

  private static long count(MetricRegistry registry, String name) {
    if (registry.getMeters().containsKey(name)) {
      return registry.getMeters().get(name).getCount();
    }
    var counter = registry.getCounters().get(name);
    return counter == null ? 0 : counter.getCount();
  }

  long get(String name) {
    return counts.getOrDefault(name, 0L);
  }

  /** Per-second rate of each counter between {@code earlier} and this. */
  Map<String, Double> ratesSince(StageCounts earlier) {
    double seconds = (nanos - earlier.nanos) / 1e9;
    Map<String, Double> rates = new LinkedHashMap<>();
    for (String name : COUNTERS) {
      rates.put(name, seconds <= 0 ? 0 : (get(name) - earlier.get(name)) / seconds);
    }
    return rates;
  }
}
