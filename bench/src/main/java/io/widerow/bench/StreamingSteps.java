package io.widerow.bench;

import io.widerow.local.LocalPipeline;
import io.widerow.workload.OrderWorkload;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs the workload at each rate in turn and judges whether the pipeline kept up. A step is
 * <b>bounded</b> when, over the probe markers committed in its second half (up to 5 s before its
 * end, judged at its end, unseen markers counting with the lag they had by then): the workload
 * reached at least 90% of the rate, p99 lag is at most 5 s, and lag grew by less than 1 s across
 * that window (least-squares slope times the window's length). Stepping stops at the first step
 * that is not bounded.
 */
final class StreamingSteps {

  static final double MIN_ACHIEVED = 0.9;
  static final double MAX_P99_MS = 5_000;
  static final double MAX_GROWTH_MS = 1_000;
  static final Duration GRACE = Duration.ofSeconds(5);

  /** One step's outcome. */
  record Step(
      int targetRate,
      double achievedRate,
      double seconds,
      LagLog.Window lag,
      double lagGrowthMs,
      boolean bounded,
      String verdict,
      Map<String, Double> stageRates,
      Map<String, Double> meanCallMillis) {}

  private final OrderWorkload workload;
  private final LocalPipeline services;
  private final LagLog lags;
  private final PrintStream out;
  private final Runnable checkHealth;

  StreamingSteps(
      OrderWorkload workload,
      LocalPipeline services,
      LagLog lags,
      PrintStream out,
      Runnable checkHealth) {
    this.workload = workload;
    this.services = services;
    this.lags = lags;
    this.out = out;
    this.checkHealth = checkHealth;
  }

  List<Step> run(List<Integer> rates, Duration step) throws InterruptedException {
    List<Step> steps = new ArrayList<>();
    for (int rate : rates) {
      Step s = runStep(rate, step);
      steps.add(s);
      out.printf(
          "  step %,d/s: achieved %,.0f/s, lag %s, growth %.0f ms -> %s%n",
          rate, s.achievedRate(), s.lag(), s.lagGrowthMs(), s.verdict());
      if (!s.bounded()) {
        break;
      }
    }
    return steps;
  }

  /** Runs the workload at {@code rate} for {@code length}, printing progress every 5 s. */
  Step runStep(int rate, Duration length) throws InterruptedException {
    workload.setRate(rate);
    StageCounts before = StageCounts.of(services);
    long changesBefore = workload.changes();
    long start = System.nanoTime();
    long end = start + length.toNanos();
    while (System.nanoTime() < end) {
      TimeUnit.MILLISECONDS.sleep(
          Math.min(5_000, Math.max(1, (end - System.nanoTime()) / 1_000_000)));
      checkHealth.run();
      printProgress(rate, start, before, changesBefore);
    }
    long now = System.nanoTime();
    StageCounts after = StageCounts.of(services);
    double seconds = (now - start) / 1e9;
    double achieved = (workload.changes() - changesBefore) / seconds;
    long windowStart = start + length.toNanos() / 2;
    long windowEnd = end - GRACE.toNanos();
    LagLog.Window lag = lags.window(windowStart, windowEnd, now);
    double growth = lag.slope() * (windowEnd - windowStart) / 1e9 * 1000;
    String verdict = verdict(rate, achieved, lag, growth);
    return new Step(
        rate,
        achieved,
        seconds,
        lag,
        growth,
        verdict.equals("bounded"),
        verdict,
        after.ratesSince(before),
        after.meanMillis());
  }

  static String verdict(int rate, double achieved, LagLog.Window lag, double growthMs) {
    if (achieved < MIN_ACHIEVED * rate) {
      return String.format(
          "source-limited (workload reached %.0f%% of the rate)", 100 * achieved / rate);
    }
    if (lag.markers() == 0) {
      return "no probe markers in the window";
    }
    if (lag.p99() > MAX_P99_MS) {
      return String.format(
          "lag unbounded (p99 %.1f s > %.0f s)", lag.p99() / 1000, MAX_P99_MS / 1000);
    }
    if (growthMs >= MAX_GROWTH_MS) {
      return String.format("lag growing (%.1f s over the window)", growthMs / 1000);
    }
    return "bounded";
  }

  private void printProgress(int rate, long start, StageCounts before, long changesBefore) {
    long now = System.nanoTime();
    StageCounts c = StageCounts.of(services);
    Map<String, Double> r = c.ratesSince(before);
    LagLog.Window recent =
        lags.window(now - TimeUnit.SECONDS.toNanos(6), now - TimeUnit.SECONDS.toNanos(1), now);
    out.printf(
        "  [%,d/s %3.0f s] source %,.0f/s | ingest %,.0f ev/s | merger %,.0f keys/s | indexer"
            + " %,.0f docs/s | probe lag p50 %.0f ms, max %.0f ms, %d of %d unseen%n",
        rate,
        (now - start) / 1e9,
        (workload.changes() - changesBefore) / ((now - start) / 1e9),
        r.get("ingest.in"),
        r.get("merger.out"),
        r.get("indexer.out"),
        recent.p50(),
        recent.max(),
        recent.unseen(),
        recent.markers());
  }
}
