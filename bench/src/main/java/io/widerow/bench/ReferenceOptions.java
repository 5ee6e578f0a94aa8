package io.widerow.bench;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What one {@code widerow bench --workload reference} run does (issue 16's shape by default).
 *
 * @param orders preloaded orders the backfill snapshots (about 5 source rows each)
 * @param rates streaming steps in source row changes per second, all run in order
 * @param step how long each step writes
 * @param idle how long the idle step measures the pipeline with nothing to do; zero skips it
 * @param drain how long after a step its sampled changes may take to become visible
 * @param writers the workload's writer threads
 * @param samplesPerSecond transactions the probe samples per second
 * @param inJvm whether the services run in the bench's JVM instead of as three processes
 * @param keep whether to keep the run's databases, HBase table, topics and index
 * @param verify whether to run {@code widerow verify} on the pipeline after the last step
 */
public record ReferenceOptions(
    long orders,
    List<Integer> rates,
    Duration step,
    Duration idle,
    Duration drain,
    int writers,
    double samplesPerSecond,
    boolean inJvm,
    boolean keep,
    boolean verify) {

  public static final List<Integer> DEFAULT_RATES =
      List.of(500, 1000, 2000, 2500, 3000, 3500, 4000, 5000);
  public static final long DEFAULT_ORDERS = 50_000;
  public static final Duration DEFAULT_STEP = Duration.ofSeconds(60);
  public static final int DEFAULT_WRITERS = 4;
  public static final double DEFAULT_SAMPLES = 40;

  /** A quarter of a step shorter than this holds too few samples to take a median of. */
  public static final Duration MIN_STEP = Duration.ofSeconds(8);

  public ReferenceOptions {
    rates = List.copyOf(rates);
    if (orders < 1 || rates.isEmpty() || rates.stream().anyMatch(r -> r <= 0)) {
      throw new IllegalArgumentException(
          "--orders must be >= 1 and --rates positive numbers; got " + orders + ", " + rates);
    }
    if (step.compareTo(MIN_STEP) < 0 || idle.isNegative() || drain.isNegative()) {
      throw new IllegalArgumentException(
          "--step must be >= 8 s, --idle and --drain >= 0; got "
              + step
              + ", "
              + idle
              + ", "
              + drain);
    }
    if (writers < 1 || samplesPerSecond <= 0) {
      throw new IllegalArgumentException(
          "--workers must be >= 1 and --samples > 0; got " + writers + ", " + samplesPerSecond);
    }
  }

  Map<String, Object> asMap() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("workload", "reference");
    m.put("orders", orders);
    m.put("rates", rates);
    m.put("stepSeconds", step.toSeconds());
    m.put("idleSeconds", idle.toSeconds());
    m.put("drainSeconds", drain.toSeconds());
    m.put("writers", writers);
    m.put("samplesPerSecond", samplesPerSecond);
    m.put("services", inJvm ? "in-jvm" : "processes");
    m.put("verify", verify);
    return m;
  }
}
