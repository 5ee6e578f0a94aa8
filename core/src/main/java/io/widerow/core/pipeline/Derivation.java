package io.widerow.core.pipeline;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A value computed from all rows of a table (usually one with cardinality many): a count, a sum, a
 * minimum or maximum, or the value of the first or last row by an ordering column.
 *
 * @param column the column aggregated; empty for a count of rows
 * @param times a second column multiplied into each row's value before the sum (quantity x price)
 * @param by the ordering column of first and last
 * @param where only rows whose columns hold one of the listed values (compared as text) count
 * @param emptyIsZero whether a sum over no values is 0 rather than absent
 */
public record Derivation(
    Aggregate aggregate,
    Optional<String> column,
    Optional<String> times,
    Optional<String> by,
    Map<String, List<String>> where,
    boolean emptyIsZero) {

  public Derivation {
    where = Map.copyOf(where);
  }

  /** What is computed; the file names it by the key that holds the source column. */
  public enum Aggregate {
    COUNT,
    SUM,
    MIN,
    MAX,
    FIRST,
    LAST
  }

  /** What {@code empty:} of a sum says. */
  enum Empty {
    NULL,
    ZERO
  }
}
