package io.widerow.core.row;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One source row as the wide row holds it: one cell, whose timestamp is the row's version. A
 * deleted row is kept as a tombstone cell at the delete's version, so that a late older event can
 * never bring it back (an HBase delete marker would be purged by a major compaction).
 *
 * @param table logical table name
 * @param childKey primary key of a row of a MANY table, {@code null} for a ONE table
 * @param columns the row's columns (empty for a tombstone); values are JSON-friendly: String,
 *     Number, Boolean or null
 */
public record SourceRow(
    String table, String childKey, long version, boolean deleted, Map<String, Object> columns) {

  public SourceRow {
    if (table.isEmpty() || table.indexOf(CellQualifier.CHILD_SEPARATOR) >= 0) {
      throw new IllegalArgumentException("bad table name '" + table + "'");
    }
    columns = Collections.unmodifiableMap(new LinkedHashMap<>(columns));
    if (deleted && !columns.isEmpty()) {
      throw new IllegalArgumentException("a tombstone carries no columns");
    }
  }

  public static SourceRow live(
      String table, String childKey, long version, Map<String, Object> columns) {
    return new SourceRow(table, childKey, version, false, columns);
  }

  public static SourceRow tombstone(String table, String childKey, long version) {
    return new SourceRow(table, childKey, version, true, Map.of());
  }

  /** The HBase qualifier of this row's cell: {@code table} or {@code table#childKey}. */
  public String qualifier() {
    return CellQualifier.of(table, childKey);
  }
}
