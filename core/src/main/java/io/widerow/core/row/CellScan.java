package io.widerow.core.row;

import java.util.List;

/**
 * Finds the live cells that one physical source table wrote, by the origins stored with them: what
 * a TRUNCATE of that table must bury.
 */
public interface CellScan {

  /** One live cell and the version it holds. */
  record TableCell(String rowkey, String qualifier, long version) {}

  /** Takes one page of cells; returns once what it did with them is acknowledged. */
  @FunctionalInterface
  interface Pages {
    void accept(List<TableCell> page) throws Exception;
  }

  /** What a scan found beyond the cells it handed over. */
  record Summary(long cells, long unattributed) {}

  /**
   * Hands over, page by page, each live cell of logical table {@code logicalTable} whose stored
   * origin names {@code database.table}.
   *
   * @return the cells handed over, and how many live cells of the logical table carry no origin of
   *     their own version (written before origins were recorded, or by a repair), whose source
   *     table cannot be told
   */
  Summary liveCellsOf(String logicalTable, String database, String table, int pageSize, Pages pages)
      throws Exception;
}
