package io.widerow.ingest;

import io.widerow.core.change.ChangeEvent;
import io.widerow.core.retry.Retrier;
import io.widerow.core.row.CellOrigin;
import io.widerow.core.row.CellQualifier;
import io.widerow.core.row.CellScan;
import io.widerow.core.row.KeyMessage;
import io.widerow.core.row.KeyPublisher;
import io.widerow.core.row.RowWrite;
import io.widerow.core.row.SourceRow;
import io.widerow.core.row.WideRowStore;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a {@code TRUNCATE TABLE} of a captured table does: the binlog names no rows, so every live
 * cell whose stored origin names the truncated table is buried under a tombstone one version above
 * it (as a delete of that row would be, invariant 2), and each touched entity's key is published,
 * so its document loses the rows (or, for the root table, becomes a tombstone). Runs on the
 * source's engine thread between the changes before and after the truncate, so that it buries
 * exactly what was written before it. Idempotent: run again after a crash it finds only the cells
 * it has not buried yet. Cells written without an origin of their own version cannot be told and
 * are left, with a warning that names the command that mends them.
 */
final class TablePurge {

  static final int PAGE_SIZE = 1000;

  private static final Logger LOG = LoggerFactory.getLogger(TablePurge.class);

  private final CellScan cells;
  private final WideRowStore store;
  private final KeyPublisher keys;
  private final Retrier retrier;
  private final IngestMetrics metrics;

  TablePurge(
      CellScan cells,
      WideRowStore store,
      KeyPublisher keys,
      Retrier retrier,
      IngestMetrics metrics) {
    this.cells = cells;
    this.store = store;
    this.keys = keys;
    this.retrier = retrier;
    this.metrics = metrics;
  }

  /** Buries the cells {@code truncate}'s table wrote; returns once all is acknowledged. */
  void purge(ChangeEvent truncate, String logicalTable) throws Exception {
    String where = truncate.where();
    LOG.info(
        "{}: TRUNCATE of {}.{}; burying its cells of logical table {}",
        where,
        truncate.database(),
        truncate.table(),
        logicalTable);
    long started = System.nanoTime();
    long[] published = {0};
    CellScan.Summary summary =
        retrier.call(
            "bury the cells of truncated " + truncate.database() + "." + truncate.table(),
            () ->
                cells.liveCellsOf(
                    logicalTable,
                    truncate.database(),
                    truncate.table(),
                    PAGE_SIZE,
                    page -> published[0] += bury(truncate, page)));
    metrics.truncated(summary.cells());
    LOG.info(
        "{}: buried {} cells of {}.{} in {} ms; published {} keys to re-index their entities",
        where,
        summary.cells(),
        truncate.database(),
        truncate.table(),
        (System.nanoTime() - started) / 1_000_000,
        published[0]);
    if (summary.unattributed() > 0) {
      LOG.warn(
          "{}: {} live cells of logical table {} carry no origin of their own version (written"
              + " before origins were recorded, or by a repair), so whether they came from"
              + " {}.{} cannot be told and they were left; run `widerow verify --pipeline FILE"
              + " --repair` to bury those the source no longer has",
          where,
          summary.unattributed(),
          logicalTable,
          truncate.database(),
          truncate.table());
    }
  }

  /** Buries one page of cells and publishes their rowkeys; returns how many keys. */
  private int bury(ChangeEvent truncate, List<CellScan.TableCell> page) throws Exception {
    CellOrigin origin =
        new CellOrigin(
            truncate.source(),
            truncate.database(),
            truncate.table(),
            "",
            truncate.position() == null ? "" : truncate.position().toString(),
            truncate.sourceTsMs(),
            CellOrigin.TRUNCATE);
    List<RowWrite> tombstones = new ArrayList<>(page.size());
    List<KeyMessage> touched = new ArrayList<>();
    Set<String> seen = new LinkedHashSet<>();
    for (CellScan.TableCell cell : page) {
      if (cell.version() >= Long.MAX_VALUE - 2) {
        continue; // no version above it; a repair must bump the source row
      }
      SourceRow row =
          SourceRow.tombstone(
              CellQualifier.table(cell.qualifier()),
              CellQualifier.childKey(cell.qualifier()),
              cell.version() + 1);
      tombstones.add(new RowWrite(cell.rowkey(), row, origin));
      if (seen.add(cell.rowkey())) {
        touched.add(new KeyMessage(cell.rowkey(), truncate.sourceTsMs()));
      }
    }
    retrier.run("bury " + tombstones.size() + " cells", () -> store.write(tombstones));
    retrier.run("publish " + touched.size() + " keys", () -> keys.publish(touched));
    return touched.size();
  }
}
