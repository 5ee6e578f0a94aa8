package io.widerow.core.row;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * A wide row as stored, read in one Get with the origin recorded for each of its cells.
 *
 * @param origins by cell qualifier; a cell written without one (before origins were recorded, or by
 *     a repair) has none, or one of an older version than the cell
 */
public record StoredRow(WideRow row, Map<String, StoredOrigin> origins) {

  public StoredRow {
    origins = Collections.unmodifiableMap(new TreeMap<>(origins));
  }

  /**
   * A cell's origin as stored.
   *
   * @param version the version it was written at: it describes the cell only if that is the cell's
   */
  public record StoredOrigin(long version, CellOrigin origin) {}
}
