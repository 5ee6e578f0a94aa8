package io.widerow.core.metrics;

import com.codahale.metrics.Counter;
import com.codahale.metrics.Histogram;
import com.codahale.metrics.Meter;
import com.codahale.metrics.MetricRegistry;
import com.codahale.metrics.SlidingTimeWindowArrayReservoir;
import com.codahale.metrics.Timer;
import java.time.Clock;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * What one pipeline stage counts: records in and out, batch sizes, errors, retries, dead letters,
 * the time of each call to the next system, and the lag from source commit to this stage. Names are
 * {@code <stage>.<metric>}, e.g. {@code merger.lag_ms}.
 */
public final class StageMetrics {

  private final MetricRegistry registry;
  private final String stage;
  private final Clock clock;
  private final Meter in;
  private final Meter out;
  private final Counter errors;
  private final Counter retries;
  private final Counter deadLetters;
  private final Histogram batchSize;
  private final Histogram lagMs;
  private final Timer call;
  private final AtomicLong lastProgressMs;

  public StageMetrics(MetricRegistry registry, String stage, Clock clock) {
    this.registry = registry;
    this.stage = stage;
    this.clock = clock;
    this.in = registry.meter(stage + ".in");
    this.out = registry.meter(stage + ".out");
    this.errors = registry.counter(stage + ".errors");
    this.retries = registry.counter(stage + ".retries");
    this.deadLetters = registry.counter(stage + ".dead_letters");
    this.batchSize = registry.histogram(stage + ".batch_size");
    // Lag percentiles should describe the last minute, not the whole life of the process.
    this.lagMs =
        registry.histogram(
            stage + ".lag_ms",
            () -> new Histogram(new SlidingTimeWindowArrayReservoir(60, TimeUnit.SECONDS)));
    this.call = registry.timer(stage + ".call");
    this.lastProgressMs = new AtomicLong(clock.millis());
    registry.gauge(stage + ".last_progress_ms", () -> lastProgressMs::get);
  }

  public StageMetrics(MetricRegistry registry, String stage) {
    this(registry, stage, Clock.systemUTC());
  }

  public void received(int records) {
    in.mark(records);
    batchSize.update(records);
  }

  /** Counts records handed on and notes progress for the health check. */
  public void delivered(int records) {
    out.mark(records);
    lastProgressMs.set(clock.millis());
  }

  /** Notes progress when a batch finished without output (all duplicates, all skipped). */
  public void progressed() {
    lastProgressMs.set(clock.millis());
  }

  /**
   * Registers {@code <stage>.consumer_lag}: the records waiting in this process's partitions
   * (negative while unknown), what dashboards and alerts read as consumer lag.
   */
  public void backlogFrom(LongSupplier backlog) {
    registry.gauge(stage + ".consumer_lag", () -> backlog::getAsLong);
  }

  public void lagFrom(long sourceTsMs) {
    lagMs.update(Math.max(0, clock.millis() - sourceTsMs));
  }

  public void error() {
    errors.inc();
  }

  public void deadLettered() {
    deadLetters.inc();
  }

  public Counter retries() {
    return retries;
  }

  public Timer callTimer() {
    return call;
  }

  public long lastProgressMs() {
    return lastProgressMs.get();
  }

  public long delivered() {
    return out.getCount();
  }

  public long received() {
    return in.getCount();
  }

  public Histogram lag() {
    return lagMs;
  }
}
