package io.widerow.core.change;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One row change read from a source's binlog or snapshot, free of any CDC library's types.
 *
 * @param source the pipeline source (database instance) the change was read from
 * @param before the row before the change; empty for an insert or a snapshot read
 * @param after the row after the change; empty for a delete
 * @param sourceTsMs when the change was committed at the source (one-second resolution in MySQL)
 */
public record ChangeEvent(
    String source,
    String database,
    String table,
    Op op,
    Map<String, Object> before,
    Map<String, Object> after,
    BinlogPosition position,
    long sourceTsMs) {

  public ChangeEvent {
    // Column values may be SQL NULL, which Map.copyOf refuses.
    before = before == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(before));
    after = after == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(after));
  }

  /** {@code source:database.table@position}, for logs and dead letters; never the row itself. */
  public String where() {
    return source + ":" + database + "." + table + "@" + position;
  }

  /** What happened to the row. */
  public enum Op {
    CREATE,
    UPDATE,
    DELETE,
    /** A row read by the initial snapshot. */
    READ,
    /** The whole table was emptied ({@code TRUNCATE TABLE}); no row images. */
    TRUNCATE
  }
}
