package io.widerow.core.pipeline;

import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * One logical table: which physical tables feed it and how its rows sit in the wide row.
 *
 * @param name logical name; the HBase qualifier is {@code name} ({@link Cardinality#ONE}) or {@code
 *     name#<primary key>} ({@link Cardinality#MANY})
 * @param physical pattern over {@code database.table} of the physical shards
 * @param keyColumn column holding the entity key (the same value in every table of the entity)
 * @param primaryKey the row's primary key columns; for a MANY table they name the child
 * @param root true for the one table whose row decides whether the entity exists
 * @param columns columns kept in the wide row, in file order; empty keeps all
 */
public record TableSpec(
    String name,
    Pattern physical,
    String keyColumn,
    List<String> primaryKey,
    Cardinality cardinality,
    boolean root,
    VersionSource version,
    Set<String> columns) {

  public TableSpec {
    primaryKey = List.copyOf(primaryKey);
    // Ordered as in the file, so messages and generated mappings list columns as written.
    columns = Collections.unmodifiableSet(new LinkedHashSet<>(columns));
  }

  public boolean keeps(String column) {
    return columns.isEmpty() || columns.contains(column);
  }

  /** How many rows of this table one entity has. */
  public enum Cardinality {
    ONE,
    MANY
  }
}
