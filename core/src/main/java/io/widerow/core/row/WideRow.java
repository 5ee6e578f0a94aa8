package io.widerow.core.row;

import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * One entity as read in a single (atomic) HBase Get: its source rows by qualifier and the wide-row
 * version {@code m:v} read with them.
 *
 * @param version the merger's counter; 0 when the row has never been bumped
 * @param undecodable cells that could not be decoded, by qualifier, with the reason; they are not
 *     in {@code cells}, and a document built without them would be wrong
 */
public record WideRow(
    String rowkey, long version, Map<String, SourceRow> cells, Map<String, String> undecodable) {

  public WideRow {
    cells = Collections.unmodifiableMap(new TreeMap<>(cells));
    undecodable = Collections.unmodifiableMap(new TreeMap<>(undecodable));
  }

  /** A row whose every cell decoded. */
  public WideRow(String rowkey, long version, Map<String, SourceRow> cells) {
    this(rowkey, version, cells, Map.of());
  }

  /** The live row of a ONE table. */
  public Optional<SourceRow> one(String table) {
    SourceRow row = cells.get(table);
    return row == null || row.deleted() ? Optional.empty() : Optional.of(row);
  }

  /** The live rows of a MANY table, in child-key order (numeric keys numerically). */
  public List<SourceRow> many(String table) {
    return cells.values().stream()
        .filter(r -> r.table().equals(table) && r.childKey() != null && !r.deleted())
        .sorted(Comparator.comparing(SourceRow::childKey, ChildKeyOrder.INSTANCE))
        .toList();
  }

  /** Whether nothing at all was stored under this rowkey. */
  public boolean isEmpty() {
    return cells.isEmpty() && undecodable.isEmpty() && version == 0;
  }
}
