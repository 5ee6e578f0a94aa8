package io.widerow.core.row;

import java.io.IOException;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * The wide table, as the services see it. Every method returns only once the store acknowledged.
 */
public interface WideRowStore extends AutoCloseable {

  /**
   * Stores each source row as one cell whose timestamp is the row's version; a cell with an older
   * or equal timestamp than the stored one changes nothing visible (invariant 1).
   */
  void write(List<RowWrite> writes) throws IOException;

  /** Atomically increments the wide-row version of each rowkey; returns the new versions. */
  Map<String, Long> bumpVersions(Collection<String> rowkeys) throws IOException;

  /**
   * Reads each whole row, cells and version together, one atomic Get per row; in input order. A
   * rowkey never written comes back as an empty row.
   */
  List<WideRow> read(List<String> rowkeys) throws IOException;

  /**
   * Reads one whole row with the origins stored for its cells, in one atomic Get; a store that
   * records no origins returns the row alone.
   */
  default StoredRow readStored(String rowkey) throws IOException {
    return new StoredRow(read(List.of(rowkey)).get(0), Map.of());
  }

  @Override
  void close() throws IOException;
}
