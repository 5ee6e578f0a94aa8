package io.widerow.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * What one bench run measured, printed as a table and written as JSON with the same fields, so runs
 * can be compared. Rates are per second; lags and times in ms unless named otherwise.
 */
record BenchReport(
    Run run,
    Backfill backfill,
    Freshness freshness,
    Streaming streaming,
    Memory memory,
    Ceilings ceilings,
    Query query) {

  /**
   * The query API's phase; each phase's latencies are from request sent to response read, by the
   * client threads on the same machine.
   */
  record Query(int connections, List<QueryBench.Phase> phases) {}

  record Run(
      String pipeline,
      String startedAt,
      Map<String, Object> options,
      int cores,
      double loadBefore,
      double loadAfter,
      String jfrFile) {}

  /**
   * @param allSearchableSeconds until every order was searchable; its items may still be missing,
   *     since the snapshot reads one table after another
   * @param seconds until every source row was read and every key it caused was indexed: the index
   *     then holds the whole source; the rates are over this time
   */
  record Backfill(
      long orders,
      long sourceRows,
      double insertSeconds,
      double startupSeconds,
      double allSearchableSeconds,
      double seconds,
      double sourceRowsPerSecond,
      double documentsPerSecond,
      Map<String, Double> stageRates) {}

  record Freshness(
      int targetRate,
      double achievedRate,
      String method,
      LagLog.Window probeLag,
      double indexerLagP50,
      double indexerLagP99) {}

  record Streaming(
      String boundedRule, List<StreamingSteps.Step> steps, double highestBoundedRate) {}

  /**
   * @param servicesPeakRssMiB VmHWM of this JVM from just before the services started until they
   *     stopped; it also holds the workload generator and the probe
   * @param heapPeakMiB the heap pools' peak use over the same time
   */
  record Memory(
      Long servicesPeakRssMiB,
      long heapPeakMiB,
      long maxHeapMiB,
      Map<String, Long> serverPeakRssMiB,
      SeparateProcesses asProcesses) {

    Memory withProcesses(SeparateProcesses processes) {
      return new Memory(servicesPeakRssMiB, heapPeakMiB, maxHeapMiB, serverPeakRssMiB, processes);
    }
  }

  /**
   * @param peakRssMiB each service's {@code VmHWM} when it ran in a JVM of its own
   * @param changesPerSecond the workload's rate meanwhile
   */
  record SeparateProcesses(Map<String, Long> peakRssMiB, double changesPerSecond, double seconds) {

    /** The three together, or null when one is unknown. */
    public Long totalMiB() {
      long sum = 0;
      for (Long v : peakRssMiB.values()) {
        if (v == null) {
          return null;
        }
        sum += v;
      }
      return sum;
    }
  }

  /** Each stage alone, and each end-to-end figure as a share of the slowest of them. */
  record Ceilings(
      double debeziumSnapshotRowsPerSecond,
      double debeziumBinlogEventsPerSecond,
      double hbaseCellsPerSecond,
      long hbaseCells,
      double elasticsearchDocsPerSecond,
      long elasticsearchDocs,
      double rowsPerDocumentBackfill,
      double changesPerDocumentStreaming,
      String slowestBackfillStage,
      double backfillRatio,
      String slowestStreamingStage,
      double streamingRatio) {}

  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  void writeJson(Path file) throws IOException {
    Files.createDirectories(file.getParent());
    JSON.writeValue(file.toFile(), this);
  }

  void print(PrintStream out) {
    out.println();
    out.printf(
        "widerow bench %s  (%d cores, load %.1f -> %.1f)%n",
        run.pipeline(), run.cores(), run.loadBefore(), run.loadAfter());
    row(
        out,
        "backfill",
        "%,d orders = %,d source rows all indexed in %.1f s: %,.0f rows/s, %,.0f docs/s"
            + " (every order searchable after %.1f s)",
        backfill.orders(),
        backfill.sourceRows(),
        backfill.seconds(),
        backfill.sourceRowsPerSecond(),
        backfill.documentsPerSecond(),
        backfill.allSearchableSeconds());
    rates(out, "  per stage", backfill.stageRates());
    if (freshness != null) {
      printPipelinePhases(out);
    }
    if (query != null) {
      for (QueryBench.Phase p : query.phases()) {
        row(
            out,
            "query",
            "%-16s %,7.0f/s  p50 %5.1f ms  p99 %6.1f ms  (%d connections, %,d requests, %d"
                + " errors)",
            p.name(),
            p.perSecond(),
            p.p50Ms(),
            p.p99Ms(),
            query.connections(),
            p.requests(),
            p.errors());
      }
    }
  }

  private void printPipelinePhases(PrintStream out) {
    row(
        out,
        "freshness",
        "at %,d changes/s (achieved %,.0f/s): probe %s; indexer.lag_ms p50 %.0f,"
            + " p99 %.0f (source.ts_ms, 1 s resolution)",
        freshness.targetRate(),
        freshness.achievedRate(),
        freshness.probeLag(),
        freshness.indexerLagP50(),
        freshness.indexerLagP99());
    for (StreamingSteps.Step s : streaming.steps()) {
      row(
          out,
          "streaming",
          "%,6d/s -> achieved %,.0f/s, probe lag p50 %.0f / p99 %.0f ms," + " growth %.0f ms: %s",
          s.targetRate(),
          s.achievedRate(),
          s.lag().p50(),
          s.lag().p99(),
          s.lagGrowthMs(),
          s.verdict());
      rates(out, "  per stage", s.stageRates());
    }
    row(out, "streaming", "highest bounded rate: %,.0f changes/s", streaming.highestBoundedRate());
    row(
        out,
        "memory",
        "services JVM peak RSS %s MiB (heap peak %d of max %d MiB); servers peak RSS %s MiB",
        memory.servicesPeakRssMiB(),
        memory.heapPeakMiB(),
        memory.maxHeapMiB(),
        memory.serverPeakRssMiB());
    SeparateProcesses processes = memory.asProcesses();
    if (processes != null) {
      row(
          out,
          "processes",
          "each service in its own JVM, peak RSS %s MiB, together %s MiB (at %,.0f changes/s for"
              + " %.0f s)",
          processes.peakRssMiB(),
          processes.totalMiB(),
          processes.changesPerSecond(),
          processes.seconds());
    }
    if (ceilings != null) {
      row(
          out,
          "ceilings",
          "Debezium snapshot %,.0f rows/s, binlog %,.0f events/s;"
              + " HBase write %,.0f cells/s; ES bulk %,.0f docs/s",
          ceilings.debeziumSnapshotRowsPerSecond(),
          ceilings.debeziumBinlogEventsPerSecond(),
          ceilings.hbaseCellsPerSecond(),
          ceilings.elasticsearchDocsPerSecond());
      row(
          out,
          "vs ceiling",
          "backfill %.0f%% of %s; streaming %.0f%% of %s",
          100 * ceilings.backfillRatio(),
          ceilings.slowestBackfillStage(),
          100 * ceilings.streamingRatio(),
          ceilings.slowestStreamingStage());
    }
  }

  private static void row(PrintStream out, String label, String format, Object... args) {
    out.printf("%-11s %s%n", label, String.format(format, args));
  }

  private static void rates(PrintStream out, String label, Map<String, Double> rates) {
    if (rates == null) {
      return;
    }
    row(
        out,
        label,
        "ingest.in %,.0f | cells %,.0f | merger.in %,.0f out %,.0f | indexer.in %,.0f"
            + " out %,.0f",
        rates.get("ingest.in"),
        rates.get("ingest.cells_written"),
        rates.get("merger.in"),
        rates.get("merger.out"),
        rates.get("indexer.in"),
        rates.get("indexer.out"));
  }
}
