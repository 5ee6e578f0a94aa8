package io.widerow.bench;

import io.widerow.workload.reference.ReferenceWorkload;
import java.io.PrintStream;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The steps of a reference run: the idle one, then each streaming step at its rate followed by its
 * drain (the writers paused until every sampled change of the step is visible, or the drain's time
 * is up), judged by {@link KeptUpRule}; CPU sampled at each step's start and end.
 */
final class ReferenceSteps {

  static final long TICKS = CpuSampler.ticksPerSecond();
  private static final long QUIET_NANOS = TimeUnit.SECONDS.toNanos(3);

  private final ReferenceOptions options;
  private final PipelineServices services;
  private final ReferenceWorkload workload;
  private final VersionProbe probe;
  private final CpuSampler cpu;
  private final PrintStream out;

  ReferenceSteps(
      ReferenceOptions options,
      PipelineServices services,
      ReferenceWorkload workload,
      VersionProbe probe,
      CpuSampler cpu,
      PrintStream out) {
    this.options = options;
    this.services = services;
    this.workload = workload;
    this.probe = probe;
    this.cpu = cpu;
    this.out = out;
  }

  /**
   * Waits until merger and indexer took nothing in for 3 s (at most 2 min): the backfill's tail of
   * repeated keys must not count as the idle step's work.
   */
  void settle() throws Exception {
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
    StageCounts last = services.counts();
    long quietSince = last.nanos();
    while (System.nanoTime() < deadline) {
      TimeUnit.MILLISECONDS.sleep(500);
      check();
      StageCounts now = services.counts();
      if (now.get("merger.in") != last.get("merger.in")
          || now.get("indexer.in") != last.get("indexer.in")) {
        quietSince = now.nanos();
      } else if (now.nanos() - quietSince >= QUIET_NANOS) {
        return;
      }
      last = now;
    }
  }

  /** Nothing written for the idle time: what the pipeline costs doing nothing. */
  ReferenceReport.Step idle() throws Exception {
    out.printf("idle: nothing written for %d s%n", options.idle().toSeconds());
    StageCounts before = services.counts();
    CpuSample c0 = cpu.sample();
    long start = System.nanoTime();
    long end = start + options.idle().toNanos();
    while (System.nanoTime() < end) {
      TimeUnit.MILLISECONDS.sleep(
          Math.min(1_000, Math.max(1, (end - System.nanoTime()) / 1_000_000)));
      check();
    }
    CpuSample c1 = cpu.sample();
    StageCounts after = services.counts();
    double seconds = (System.nanoTime() - start) / 1e9;
    LagLog.Window none = LagLog.Window.of(List.of(), 0);
    ReferenceReport.Step step =
        new ReferenceReport.Step(
            "idle",
            0,
            seconds,
            0,
            0,
            0,
            Double.NaN,
            none,
            none,
            none,
            0,
            null,
            after.ratesSince(before),
            Double.NaN,
            CpuAccounting.between(c0, c1, 0, TICKS));
    out.printf("idle: %s%n", cpuLine(step.cpu()));
    return step;
  }

  /** One streaming step at {@code rate}, its drain and its verdict. */
  ReferenceReport.Step step(int rate) throws Exception {
    long length = options.step().toNanos();
    out.printf(
        "step %,d/s: %d s, then up to %d s drain%n",
        rate, options.step().toSeconds(), options.drain().toSeconds());
    StageCounts before = services.counts();
    long changes0 = workload.changes();
    long transactions0 = workload.transactions();
    CpuSample c0 = cpu.sample();
    long start = System.nanoTime();
    probe.sample(true);
    workload.run(rate);
    long end = start + length;
    Progress progress = new Progress(out, rate + "/s");
    while (System.nanoTime() < end) {
      TimeUnit.MILLISECONDS.sleep(
          Math.min(500, Math.max(1, (end - System.nanoTime()) / 1_000_000)));
      check();
      long now = System.nanoTime();
      LagLog.Window recent =
          probe
              .log()
              .window(now - TimeUnit.SECONDS.toNanos(6), now - TimeUnit.SECONDS.toNanos(1), now);
      progress.maybe(
          "source %,.0f changes/s | probe lag p50 %.0f ms, max %.0f ms | %d sampled changes not yet visible",
          (workload.changes() - changes0) / ((now - start) / 1e9),
          recent.p50(),
          recent.max(),
          probe.pending());
    }
    workload.pause();
    probe.sample(false);
    long stopped = System.nanoTime();
    CpuSample c1 = cpu.sample();
    StageCounts after = services.counts();
    long changes = workload.changes() - changes0;
    long transactions = workload.transactions() - transactions0;
    double seconds = (stopped - start) / 1e9;
    long drainEnd = stopped + options.drain().toNanos();
    while (System.nanoTime() < drainEnd
        && probe.log().window(start, stopped, System.nanoTime()).unseen() > 0) {
      TimeUnit.MILLISECONDS.sleep(100);
      check();
    }
    long judged = System.nanoTime();
    LagLog.Window lag = probe.log().window(start, stopped, judged);
    long quarter = (stopped - start) / 4;
    LagLog.Window first = probe.log().window(start, start + quarter, judged);
    LagLog.Window last = probe.log().window(stopped - quarter, stopped, judged);
    double achieved = changes / seconds;
    KeptUpRule.Verdict verdict = KeptUpRule.judge(rate, achieved, lag, first, last);
    Map<String, Double> stageRates = after.ratesSince(before);
    long indexed = after.get("indexer.docs_indexed") - before.get("indexer.docs_indexed");
    ReferenceReport.Step step =
        new ReferenceReport.Step(
            rate + "/s",
            rate,
            seconds,
            changes,
            transactions,
            achieved,
            transactions == 0 ? Double.NaN : (double) changes / transactions,
            lag,
            first,
            last,
            (judged - stopped) / 1e9,
            verdict,
            stageRates,
            changes == 0 ? Double.NaN : (double) indexed / changes,
            CpuAccounting.between(c0, c1, changes, TICKS));
    out.printf(
        "step %,d/s: achieved %,.0f/s, lag %s, quarters %.0f -> %.0f ms; %s%n  %s%n",
        rate, achieved, lag, first.p50(), last.p50(), verdict, cpuLine(step.cpu()));
    return step;
  }

  private void check() throws Exception {
    services.checkHealth();
    if (workload.failure() != null) {
      throw new IllegalStateException(
          "the workload failed: " + workload.failure(), workload.failure());
    }
    if (probe.failure() != null) {
      throw new IllegalStateException("the probe failed: " + probe.failure(), probe.failure());
    }
  }

  private static String cpuLine(Map<String, CpuAccounting.Use> cpu) {
    StringBuilder sb = new StringBuilder("CPU");
    cpu.forEach((name, use) -> sb.append(String.format(" %s %.0f%%", name, use.shareOfCore())));
    return sb.toString();
  }
}
