package io.widerow.core.pipeline;

import java.util.List;
import java.util.Optional;

/**
 * What the field checks need to know of a table, known even when the table itself is invalid, so
 * that one mistake in a table does not also fail every field that reads from it.
 *
 * @param cardinality empty when the table's own cardinality is invalid
 * @param columns the kept columns in file order; empty when all are kept (or the list is invalid)
 */
record DeclaredTable(
    String name, Optional<TableSpec.Cardinality> cardinality, List<String> columns) {

  boolean keeps(String column) {
    return columns.isEmpty() || columns.contains(column);
  }

  /** The error for a column the table does not keep; the wording every section shares. */
  String notKept(String column) {
    return "column '"
        + column
        + "' is not kept by table '"
        + name
        + "' (columns: "
        + String.join(", ", columns)
        + ")";
  }
}
