package io.widerow.verify;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Whether two column values mean the same: numbers by value, ISO-8601 timestamps by instant (the
 * CDC adapter and a JDBC read may print a TIMESTAMP's fraction differently), decimals by value
 * across a change of scale, anything else equal. A column that is absent from one row and NULL in
 * the other is the same: a column added to the source table ({@code ALTER TABLE … ADD COLUMN}) is
 * NULL in the source for every row written before, while the cells of those rows, written before
 * the column existed, do not name it.
 */
final class Values {

  /**
   * A DECIMAL as ingest and verify print it: plain digits with a fraction. Only a pair where one
   * side has a fraction is compared by value, so that text such as {@code 007} and {@code 7} in a
   * VARCHAR column still differs, while {@code 1.50}, {@code 1.500} (a scale widened by {@code
   * ALTER TABLE … MODIFY}) and {@code 1.5} do not.
   */
  private static final Pattern DECIMAL = Pattern.compile("-?\\d+(\\.\\d+)?");

  private Values() {}

  /** Names of the columns whose values differ, sorted; empty when the rows agree. */
  static List<String> differingColumns(Map<String, Object> expected, Map<String, Object> actual) {
    TreeSet<String> names = new TreeSet<>(expected.keySet());
    names.addAll(actual.keySet());
    // get() of an absent column is null: absent and NULL compare the same.
    names.removeIf(name -> same(expected.get(name), actual.get(name)));
    return List.copyOf(names);
  }

  static boolean same(Object a, Object b) {
    if (Objects.equals(a, b)) {
      return true;
    }
    if (a instanceof Number x && b instanceof Number y) {
      return decimal(x).compareTo(decimal(y)) == 0;
    }
    if (a instanceof Number x && b instanceof String y) {
      return sameDecimal(x.toString(), y);
    }
    if (a instanceof String x && b instanceof Number y) {
      return sameDecimal(x, y.toString());
    }
    if (a instanceof String x && b instanceof String y) {
      if (sameDecimal(x, y)) {
        return true;
      }
      OffsetDateTime tx = instant(x);
      OffsetDateTime ty = instant(y);
      return tx != null && ty != null && tx.toInstant().equals(ty.toInstant());
    }
    return false;
  }

  private static boolean sameDecimal(String x, String y) {
    if ((x.indexOf('.') < 0 && y.indexOf('.') < 0)
        || !DECIMAL.matcher(x).matches()
        || !DECIMAL.matcher(y).matches()) {
      return false;
    }
    return new BigDecimal(x).compareTo(new BigDecimal(y)) == 0;
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
