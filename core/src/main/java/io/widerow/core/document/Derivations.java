package io.widerow.core.document;

import io.widerow.core.document.FieldValues.UnfitValueException;
import io.widerow.core.pipeline.Derivation;
import io.widerow.core.pipeline.FieldSpec.DerivedField;
import io.widerow.core.pipeline.FieldType;
import io.widerow.core.row.SourceRow;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * Computes a derived field from a table's live rows (in child-key order): a count, an exact decimal
 * sum, a minimum or maximum, or the first or last row's value by an ordering column. Pure; the rows
 * alone decide the value, whatever order their cells arrived in.
 */
final class Derivations {

  private Derivations() {}

  /** The field's value; {@code null} leaves the field out. */
  static Object value(DerivedField field, List<SourceRow> rows) throws UnfitValueException {
    Derivation d = field.derivation();
    List<SourceRow> matching = d.where().isEmpty() ? rows : matching(d.where(), rows);
    FieldType type = field.type();
    return switch (d.aggregate()) {
      case COUNT -> FieldValues.convert(count(d, matching), type);
      case SUM -> sum(d, matching, type);
      case MIN, MAX -> extreme(d, matching, type);
      case FIRST, LAST -> ordered(d, matching, type);
    };
  }

  private static List<SourceRow> matching(Map<String, List<String>> where, List<SourceRow> rows) {
    List<SourceRow> matching = new ArrayList<>(rows.size());
    for (SourceRow row : rows) {
      if (matches(where, row)) {
        matching.add(row);
      }
    }
    return matching;
  }

  private static boolean matches(Map<String, List<String>> where, SourceRow row) {
    for (Map.Entry<String, List<String>> condition : where.entrySet()) {
      String value = FieldValues.text(row.columns().get(condition.getKey()));
      if (value == null || !condition.getValue().contains(value)) {
        return false;
      }
    }
    return true;
  }

  private static long count(Derivation d, List<SourceRow> rows) {
    if (d.column().isEmpty()) {
      return rows.size();
    }
    String column = d.column().get();
    long count = 0;
    for (SourceRow row : rows) {
      if (row.columns().get(column) != null) {
        count++;
      }
    }
    return count;
  }

  private static Object sum(Derivation d, List<SourceRow> rows, FieldType type)
      throws UnfitValueException {
    String column = d.column().orElseThrow();
    BigDecimal sum = null;
    for (SourceRow row : rows) {
      BigDecimal value = decimal(row, column, type);
      if (value != null && d.times().isPresent()) {
        BigDecimal factor = decimal(row, d.times().get(), type);
        value = factor == null ? null : value.multiply(factor);
      }
      if (value != null) {
        sum = sum == null ? value : sum.add(value);
      }
    }
    if (sum == null) {
      return d.emptyIsZero() ? FieldValues.convertExact(BigDecimal.ZERO, type) : null;
    }
    try {
      return FieldValues.convertExact(sum, type);
    } catch (UnfitValueException e) {
      throw new UnfitValueException("(the sum of " + column + "): " + e.getMessage(), e);
    }
  }

  private static BigDecimal decimal(SourceRow row, String column, FieldType type)
      throws UnfitValueException {
    try {
      return FieldValues.decimal(row.columns().get(column), type);
    } catch (UnfitValueException e) {
      throw within(row, column, e);
    }
  }

  private static Object extreme(Derivation d, List<SourceRow> rows, FieldType type)
      throws UnfitValueException {
    String column = d.column().orElseThrow();
    boolean max = d.aggregate() == Derivation.Aggregate.MAX;
    Object best = null;
    for (SourceRow row : rows) {
      Object value = convert(row, column, type);
      if (value != null && (best == null || compare(value, best) * (max ? 1 : -1) > 0)) {
        best = value;
      }
    }
    return best;
  }

  private static Object ordered(Derivation d, List<SourceRow> rows, FieldType type)
      throws UnfitValueException {
    String column = d.column().orElseThrow();
    String by = d.by().orElseThrow();
    List<SourceRow> candidates = new ArrayList<>(rows.size());
    for (SourceRow row : rows) {
      if (row.columns().get(by) != null && row.columns().get(column) != null) {
        candidates.add(row);
      }
    }
    if (candidates.isEmpty()) {
      return null;
    }
    // A stable sort keeps child-key order among equal ordering values: ties resolve the same way
    // every time.
    Comparator<SourceRow> byColumn =
        (a, b) -> compareOrder(a.columns().get(by), b.columns().get(by));
    candidates.sort(byColumn);
    SourceRow chosen =
        d.aggregate() == Derivation.Aggregate.FIRST
            ? candidates.get(0)
            : candidates.get(candidates.size() - 1);
    return convert(chosen, column, type);
  }

  private static Object convert(SourceRow row, String column, FieldType type)
      throws UnfitValueException {
    try {
      return FieldValues.convert(row.columns().get(column), type);
    } catch (UnfitValueException e) {
      throw within(row, column, e);
    }
  }

  private static UnfitValueException within(SourceRow row, String column, UnfitValueException e) {
    return new UnfitValueException(
        "(from " + row.qualifier() + "." + column + "): " + e.getMessage(), e);
  }

  /** Converted values of one type: numbers by value, anything else by its natural order. */
  @SuppressWarnings({"unchecked", "rawtypes"})
  private static int compare(Object a, Object b) {
    if (a instanceof Number x && b instanceof Number y) {
      return toDecimal(x).compareTo(toDecimal(y));
    }
    return ((Comparable) a).compareTo(b);
  }

  /** Ordering values: as numbers when both are numbers, else as text. */
  private static int compareOrder(Object a, Object b) {
    BigDecimal x = numberOrNull(a);
    BigDecimal y = numberOrNull(b);
    if (x != null && y != null) {
      return x.compareTo(y);
    }
    return FieldValues.text(a).compareTo(FieldValues.text(b));
  }

  private static BigDecimal numberOrNull(Object value) {
    if (value instanceof Number n) {
      return toDecimal(n);
    }
    if (value instanceof String s && !s.isEmpty() && s.length() < 40) {
      char c = s.charAt(0);
      if (Character.isDigit(c) || c == '-') {
        try {
          return new BigDecimal(s);
        } catch (NumberFormatException notANumber) {
          return null;
        }
      }
    }
    return null;
  }

  private static BigDecimal toDecimal(Number n) {
    if (n instanceof BigDecimal d) {
      return d;
    }
    if (n instanceof Double || n instanceof Float) {
      return BigDecimal.valueOf(n.doubleValue());
    }
    return BigDecimal.valueOf(n.longValue());
  }
}
