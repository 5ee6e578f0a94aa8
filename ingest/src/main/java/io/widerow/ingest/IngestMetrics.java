package io.widerow.ingest;

import com.codahale.metrics.Counter;
import com.codahale.metrics.Meter;
import com.codahale.metrics.MetricRegistry;
import com.codahale.metrics.Timer;
import io.widerow.core.metrics.StageMetrics;

/**
 * What ingest counts, under {@code ingest.*}: the stage metrics (events in, keys out, batch sizes,
 * retries, dead letters, lag from source commit to HBase write, {@code ingest.call} = time of each
 * HBase write, {@code ingest.publish} = time of each key publication) plus cells written, changes
 * of tables the pipeline does not map, record errors, {@code ingest.snapshot_keys_held} = keys an
 * initial snapshot holds back until it ends (see {@link SnapshotKeys}) and {@code
 * ingest.truncated_cells} = cells buried because their table was truncated.
 */
public final class IngestMetrics {

  private final StageMetrics stage;
  private final Meter cellsWritten;
  private final Counter skippedUnknownTable;
  private final Counter skippedNotARowChange;
  private final Counter recordErrors;
  private final Timer publish;
  private final Counter snapshotKeysHeld;
  private final Counter truncatedCells;

  public IngestMetrics(MetricRegistry registry) {
    this.stage = new StageMetrics(registry, "ingest");
    this.cellsWritten = registry.meter("ingest.cells_written");
    this.skippedUnknownTable = registry.counter("ingest.skipped_unknown_table");
    this.skippedNotARowChange = registry.counter("ingest.skipped_not_a_row_change");
    this.recordErrors = registry.counter("ingest.record_errors");
    this.publish = registry.timer("ingest.publish");
    this.snapshotKeysHeld = registry.counter("ingest.snapshot_keys_held");
    this.truncatedCells = registry.counter("ingest.truncated_cells");
  }

  /** A new, empty holder for one source's initial snapshot keys, counted in this registry. */
  public SnapshotKeys snapshotKeys(int limit) {
    return new SnapshotKeys(limit, snapshotKeysHeld);
  }

  public long snapshotKeysHeld() {
    return snapshotKeysHeld.getCount();
  }

  public StageMetrics stage() {
    return stage;
  }

  /** Time of each publication of a batch's keys, until every key is acknowledged. */
  Timer publishTimer() {
    return publish;
  }

  void cellsWritten(int cells) {
    cellsWritten.mark(cells);
  }

  void skippedUnknownTable() {
    skippedUnknownTable.inc();
  }

  /** A tombstone, heartbeat or schema change the CDC engine delivered with the rows. */
  public void skippedNotARowChange() {
    skippedNotARowChange.inc();
  }

  void recordErrors(int count) {
    recordErrors.inc(count);
    for (int i = 0; i < count; i++) {
      stage.deadLettered();
      stage.error();
    }
  }

  void truncated(long cells) {
    truncatedCells.inc(cells);
  }

  public long truncatedCells() {
    return truncatedCells.getCount();
  }

  public long cellsWritten() {
    return cellsWritten.getCount();
  }

  public long unknownTableSkips() {
    return skippedUnknownTable.getCount();
  }

  public long recordErrorCount() {
    return recordErrors.getCount();
  }
}
