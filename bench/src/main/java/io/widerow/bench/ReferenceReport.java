package io.widerow.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What one {@code --workload reference} run measured, printed as tables and written as JSON with
 * the same fields. Times in seconds, lags in ms, CPU as share of one core (%) and ms per 1,000
 * source changes.
 */
record ReferenceReport(
    Run run,
    Backfill backfill,
    List<Step> steps,
    double highestKeptUpRate,
    Map<String, Long> peakRssMiB,
    VerifyRun.Outcome verify) {

  record Run(
      String pipeline,
      String startedAt,
      Map<String, Object> options,
      String services,
      int cores,
      double loadBefore,
      double loadAfter,
      String keptUpRule,
      String lagMethod) {}

  /**
   * @param firstDocumentSeconds from launch until the first document was searchable
   * @param startedSeconds from launch until all three services had started
   * @param seconds from launch until every source row was searchable
   */
  record Backfill(
      long orders,
      long sourceRows,
      double insertSeconds,
      double firstDocumentSeconds,
      double startedSeconds,
      double seconds,
      double rowsPerSecondFromLaunch,
      double rowsPerSecondFromStarted,
      Map<String, CpuAccounting.Use> cpu) {}

  /**
   * One step: the idle one (target 0, no verdict) or a streaming one.
   *
   * @param lag every sampled transaction of the step, judged at the drain's end
   * @param elasticsearchIndexPerChange documents the indexer wrote per source change
   */
  record Step(
      String name,
      int targetRate,
      double seconds,
      long changes,
      long transactions,
      double achievedRate,
      double changesPerTransaction,
      LagLog.Window lag,
      LagLog.Window firstQuarter,
      LagLog.Window lastQuarter,
      double drainSeconds,
      KeptUpRule.Verdict verdict,
      Map<String, Double> stageRates,
      double elasticsearchIndexPerChange,
      Map<String, CpuAccounting.Use> cpu) {}

  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  void writeJson(Path file) throws IOException {
    Files.createDirectories(file.getParent());
    JSON.writeValue(file.toFile(), this);
  }

  void print(PrintStream out) {
    out.println();
    out.printf(
        "widerow bench --workload reference %s  (services as %s; %d cores, load %.1f -> %.1f)%n",
        run.pipeline(), run.services(), run.cores(), run.loadBefore(), run.loadAfter());
    out.printf(
        "backfill   %,d orders = %,d source rows: first document %.1f s after launch, services"
            + " started %.1f s, every row searchable %.1f s: %,.0f rows/s from launch, %,.0f rows/s"
            + " from started%n",
        backfill.orders(),
        backfill.sourceRows(),
        backfill.firstDocumentSeconds(),
        backfill.startedSeconds(),
        backfill.seconds(),
        backfill.rowsPerSecondFromLaunch(),
        backfill.rowsPerSecondFromStarted());
    out.println("rule       " + run.keptUpRule());
    out.println("lag        " + run.lagMethod());
    out.printf(
        "%-7s %8s %8s %6s %5s %27s %13s %7s  %s%n",
        "step",
        "target/s",
        "achieved",
        "tx/s",
        "ch/tx",
        "lag p50 / p95 / p99 / max s",
        "quarters 1/4",
        "ES/ch",
        "verdict");
    for (Step s : steps) {
      out.printf(
          "%-7s %8d %8.0f %6.0f %5.2f %27s %13s %7.2f  %s%n",
          s.name(),
          s.targetRate(),
          s.achievedRate(),
          s.seconds() > 0 ? s.transactions() / s.seconds() : 0,
          s.changesPerTransaction(),
          s.lag().markers() == 0
              ? "-"
              : String.format(
                  "%.2f / %.2f / %.2f / %.2f",
                  s.lag().p50() / 1000,
                  s.lag().p95() / 1000,
                  s.lag().p99() / 1000,
                  s.lag().max() / 1000),
          s.firstQuarter().markers() == 0
              ? "-"
              : String.format(
                  "%.2f / %.2f", s.firstQuarter().p50() / 1000, s.lastQuarter().p50() / 1000),
          s.elasticsearchIndexPerChange(),
          s.verdict() == null ? "idle" : s.verdict());
    }
    out.printf("highest step kept up with: %,.0f changes/s%n", highestKeptUpRate);
    printCpu(out);
    out.println("peak RSS   " + peakRssMiB + " MiB (servers: since they started)");
    if (verify != null) {
      out.printf(
          "verify     %,d entities, %,d differences (exit %d; %s)%n",
          verify.entities(), verify.differences(), verify.exitCode(), verify.log());
    }
  }

  /** CPU per process and step: share of one core, and ms per 1,000 source changes. */
  private void printCpu(PrintStream out) {
    Set<String> names = new LinkedHashSet<>(backfill.cpu().keySet());
    steps.forEach(s -> names.addAll(s.cpu().keySet()));
    out.println("CPU        share of one core (%) / CPU-ms per 1,000 source changes");
    StringBuilder header = new StringBuilder(String.format("%-20s %13s", "process", "backfill"));
    for (Step s : steps) {
      header.append(String.format(" %13s", s.name()));
    }
    out.println(header);
    for (String name : names) {
      StringBuilder line =
          new StringBuilder(
              String.format("%-20s %13s", name, cell(backfill.cpu(), name, backfill.sourceRows())));
      for (Step s : steps) {
        line.append(String.format(" %13s", cell(s.cpu(), name, s.changes())));
      }
      out.println(line);
    }
  }

  private static String cell(Map<String, CpuAccounting.Use> cpu, String name, long changes) {
    CpuAccounting.Use u = cpu.get(name);
    if (u == null || Double.isNaN(u.shareOfCore())) {
      return "-";
    }
    return changes > 0
        ? String.format("%.0f%% / %.0f", u.shareOfCore(), u.msPer1000Changes())
        : String.format("%.1f%%", u.shareOfCore());
  }

  /** The names of the steps that kept up. */
  List<String> keptUp() {
    List<String> names = new ArrayList<>();
    for (Step s : steps) {
      if (s.verdict() != null && s.verdict().keptUp()) {
        names.add(s.name());
      }
    }
    return names;
  }
}
