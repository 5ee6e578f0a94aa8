package io.widerow.ops;

import io.widerow.core.row.WideRow;
import java.util.List;

/** The wide table as a rebuild reads it: every row, then the rows bumped since a moment. */
public interface RebuildSource extends AutoCloseable {

  /** Receives rows as they are scanned; called from the scanning threads. */
  interface RowBatches {
    void accept(List<WideRow> rows) throws Exception;
  }

  /**
   * Scans every row (its cells and {@code m:v}, each row read atomically), {@code parallelism}
   * regions at a time.
   */
  void scanAll(int parallelism, int batch, RowBatches rows) throws Exception;

  /**
   * Reads again every row whose {@code m:v} was written (bumped by the merger, or raised by a
   * repair) at or after {@code sinceMs}, by the cell's write time on the region server.
   */
  void scanBumpedSince(long sinceMs, int batch, RowBatches rows) throws Exception;

  @Override
  void close() throws Exception;
}
