package io.widerow.bench;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What one bench run does.
 *
 * @param orders pre-existing orders the backfill snapshots (about 5.25 source rows each)
 * @param rates streaming steps, in source row changes per second, tried in order
 * @param step how long each streaming step runs; its second half is judged
 * @param freshnessRate the fixed rate freshness is measured at
 * @param freshness how long freshness is measured
 * @param workers writer threads of the order workload
 * @param activeOrders orders in flight at once in the workload
 * @param ceilings whether to measure the stage ceilings (Debezium, HBase, Elasticsearch alone)
 * @param jfr whether to record the streaming phase with Java Flight Recorder
 * @param keep whether to keep the run's databases, HBase tables and indices afterwards
 * @param processes how long the services run as separate processes for their peak RSS; zero skips
 * @param query how long each kind of request of the query phase runs; zero skips the phase
 * @param queryOnly whether to run only the backfill the query phase needs, then the query phase
 */
public record BenchOptions(
    boolean quick,
    long orders,
    List<Integer> rates,
    Duration step,
    int freshnessRate,
    Duration freshness,
    int workers,
    int activeOrders,
    boolean ceilings,
    boolean jfr,
    boolean keep,
    Duration processes,
    Duration query,
    boolean queryOnly) {

  /** Steps shorter than this leave no second half to judge after the 5 s grace at the end. */
  public static final Duration MIN_STEP = Duration.ofSeconds(15);

  public BenchOptions {
    rates = List.copyOf(rates);
    if (orders < 1 || rates.isEmpty() || rates.stream().anyMatch(r -> r <= 0)) {
      throw new IllegalArgumentException(
          "--orders must be >= 1 and --rates positive numbers; got " + orders + ", " + rates);
    }
    if (step.compareTo(MIN_STEP) < 0 || freshness.compareTo(Duration.ofSeconds(10)) < 0) {
      throw new IllegalArgumentException(
          "--step must be >= 15 s and --freshness >= 10 s; got " + step + ", " + freshness);
    }
    if (processes.isNegative() || query.isNegative() || (queryOnly && query.isZero())) {
      throw new IllegalArgumentException(
          "--processes and --query-each must be >= 0, and --query-each > 0 with --query; got "
              + processes
              + ", "
              + query);
    }
    if (workers < 1 || activeOrders < workers || freshnessRate <= 0) {
      throw new IllegalArgumentException(
          "--workers >= 1, --active-orders >= --workers, --freshness-rate > 0; got "
              + workers
              + ", "
              + activeOrders
              + ", "
              + freshnessRate);
    }
  }

  /** The options as the JSON report shows them (durations in seconds). */
  public Map<String, Object> asMap() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("quick", quick);
    m.put("orders", orders);
    m.put("rates", rates);
    m.put("stepSeconds", step.toSeconds());
    m.put("freshnessRate", freshnessRate);
    m.put("freshnessSeconds", freshness.toSeconds());
    m.put("workers", workers);
    m.put("activeOrders", activeOrders);
    m.put("ceilings", ceilings);
    m.put("jfr", jfr);
    m.put("processesSeconds", processes.toSeconds());
    m.put("querySecondsEach", query.toSeconds());
    m.put("queryOnly", queryOnly);
    return m;
  }
}
