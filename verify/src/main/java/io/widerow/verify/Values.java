package io.widerow.verify;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;

/**
 * Whether two column values mean the same: numbers by value, ISO-8601 timestamps by instant (the
 * CDC adapter and a JDBC read may print a TIMESTAMP's fraction differently), anything else equal.
 */
final class Values {

  private Values() {}

  /** Names of the columns whose values differ, sorted; empty when the rows agree. */
  static List<String> differingColumns(Map<String, Object> expected, Map<String, Object> actual) {
    TreeSet<String> names = new TreeSet<>(expected.keySet());
    names.addAll(actual.keySet());
    names.removeIf(
        name ->
            expected.containsKey(name) == actual.containsKey(name)
                && same(expected.get(name), actual.get(name)));
    return List.copyOf(names);
  }

  static boolean same(Object a, Object b) {
    if (Objects.equals(a, b)) {
      return true;
    }
    if (a instanceof Number x && b instanceof Number y) {
      return decimal(x).compareTo(decimal(y)) == 0;
    }
    if (a instanceof String x && b instanceof String y) {
      OffsetDateTime tx = instant(x);
      OffsetDateTime ty = instant(y);
      return tx != null && ty != null && tx.toInstant().equals(ty.toInstant());
    }
    return false;
  }

  private static BigDecimal decimal(Number n) {
    return n instanceof BigDecimal d ? d : new BigDecimal(n.toString());
  }

  private static OffsetDateTime instant(String s) {
    if (s.length() < 20 || s.charAt(10) != 'T') {
      return null;
    }
    try {
      return OffsetDateTime.parse(s);
    } catch (DateTimeParseException notATimestamp) {
      return null;
    }
  }
}
