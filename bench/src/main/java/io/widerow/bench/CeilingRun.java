package io.widerow.bench;

import io.widerow.bench.debezium.DebeziumCeiling;
import io.widerow.bench.elasticsearch.ElasticsearchCeiling;
import io.widerow.bench.hbase.HBaseCeiling;
import io.widerow.core.document.BuildOutcome;
import io.widerow.core.document.DocumentBuilder;
import io.widerow.core.document.IndexAction;
import io.widerow.core.pipeline.Pipeline;
import io.widerow.core.row.WideRow;
import io.widerow.core.rowkey.RowKeyCodec;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The stage ceilings of one run: Debezium alone (snapshot of the backfill before the services run,
 * then the run's binlog after they stopped), HBase writes of the run's cells alone, and
 * Elasticsearch bulk of the run's documents alone, each with the service's own batch size and one
 * thread, as the services use per source / per consumer.
 */
final class CeilingRun {

  /** Debezium's default max.batch.size: what one ingest write carries at most. */
  static final int INGEST_BATCH = 2048;

  /** The indexer's max.poll.records: what one bulk carries at most. */
  static final int INDEXER_BATCH = 1000;

  /** Enough cells for a stable rate without holding a full-size run in memory. */
  static final long MAX_CELLS = 600_000;

  private final Pipeline ceiling;
  private final DebeziumCeiling debezium;
  private final PrintStream out;
  private DebeziumCeiling.Rate snapshot;
  private DebeziumCeiling.Rate binlog;
  private HBaseCeiling.Rate hbase;
  private ElasticsearchCeiling.Rate elasticsearch;

  /**
   * @param ceiling the measured pipeline renamed: its own offsets, HBase table and index
   */
  CeilingRun(Pipeline ceiling, String cdcPassword, PrintStream out) {
    this.ceiling = ceiling;
    this.debezium = new DebeziumCeiling(ceiling, cdcPassword);
    this.out = out;
  }

  void debeziumSnapshot(long rows) throws Exception {
    out.printf("ceiling: Debezium alone, snapshot of %,d rows%n", rows);
    Progress p = new Progress(out, "debezium snapshot");
    snapshot =
        debezium.snapshot(
            rows, Duration.ofSeconds(Math.max(300, rows / 500)), n -> p.maybe("%,d rows", n));
    out.printf("ceiling: Debezium snapshot %,.0f rows/s%n", snapshot.perSecond());
  }

  /** Reads the measured run's binlog, resuming where the snapshot ended. */
  void debeziumBinlog(long changes) throws Exception {
    out.printf("ceiling: Debezium alone, the run's binlog (%,d changes)%n", changes);
    Progress p = new Progress(out, "debezium binlog");
    binlog =
        debezium.stream(
            changes,
            Duration.ofSeconds(Math.max(300, changes / 500)),
            Duration.ofSeconds(10),
            n -> p.maybe("%,d events", n));
    out.printf(
        "ceiling: Debezium binlog %,.0f events/s (%,d events)%n",
        binlog.perSecond(), binlog.events());
  }

  void hbaseAndElasticsearch(Pipeline measured) throws Exception {
    List<WideRow> rows = HBaseCeiling.readRows(measured.hbase(), MAX_CELLS);
    out.printf("ceiling: HBase writes alone, %,d rows' cells%n", rows.size());
    hbase = HBaseCeiling.write(ceiling.hbase(), rows, INGEST_BATCH);
    out.printf("ceiling: HBase %,.0f cells/s (%,d cells)%n", hbase.perSecond(), hbase.cells());
    DocumentBuilder builder =
        new DocumentBuilder(measured, new RowKeyCodec(measured.hbase().saltBuckets())::decode);
    List<IndexAction> actions = new ArrayList<>(rows.size());
    for (WideRow row : rows) {
      if (row.version() > 0 && builder.build(row) instanceof BuildOutcome.Ready ready) {
        actions.add(ready.action());
      }
    }
    out.printf("ceiling: Elasticsearch bulk alone, %,d documents%n", actions.size());
    elasticsearch = ElasticsearchCeiling.write(ceiling.elasticsearch(), actions, INDEXER_BATCH);
    out.printf("ceiling: Elasticsearch %,.0f docs/s%n", elasticsearch.perSecond());
  }

  /**
   * Converts each ceiling to source rows (or changes) per second — a document carries several rows,
   * measured in this run — and divides the end-to-end figures by the slowest.
   */
  BenchReport.Ceilings report(BenchReport.Backfill backfill, BenchReport.Streaming streaming) {
    double rowsPerDoc = (double) backfill.sourceRows() / backfill.orders();
    double changesPerDoc = changesPerDocument(streaming);
    Slowest b =
        Slowest.of(
            "Debezium snapshot", snapshot.perSecond(),
            "HBase write", hbase.perSecond(),
            "Elasticsearch bulk", elasticsearch.perSecond() * rowsPerDoc);
    Slowest s =
        Slowest.of(
            "Debezium binlog", binlog.perSecond(),
            "HBase write", hbase.perSecond(),
            "Elasticsearch bulk", elasticsearch.perSecond() * changesPerDoc);
    return new BenchReport.Ceilings(
        snapshot.perSecond(),
        binlog.perSecond(),
        hbase.perSecond(),
        hbase.cells(),
        elasticsearch.perSecond(),
        elasticsearch.documents(),
        rowsPerDoc,
        changesPerDoc,
        b.name() + String.format(" (%,.0f rows/s)", b.rate()),
        backfill.sourceRowsPerSecond() / b.rate(),
        s.name() + String.format(" (%,.0f changes/s)", s.rate()),
        streaming.highestBoundedRate() / s.rate());
  }

  /** Source changes per document written while streaming (the merger and indexer coalesce). */
  private static double changesPerDocument(BenchReport.Streaming streaming) {
    double in = 0;
    double docs = 0;
    for (StreamingSteps.Step step : streaming.steps()) {
      in += step.stageRates().get("ingest.in") * step.seconds();
      docs += step.stageRates().get("indexer.out") * step.seconds();
    }
    return docs == 0 ? 1 : in / docs;
  }

  private record Slowest(String name, double rate) {
    static Slowest of(String n1, double r1, String n2, double r2, String n3, double r3) {
      Slowest s = new Slowest(n1, r1);
      if (r2 < s.rate()) {
        s = new Slowest(n2, r2);
      }
      return r3 < s.rate() ? new Slowest(n3, r3) : s;
    }
  }
}
