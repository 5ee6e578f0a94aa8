package io.widerow.verify.jdbc;

/**
 * One column of a physical table as information_schema describes it.
 *
 * @param dataType lowercase type name without length, e.g. {@code datetime}
 * @param columnType the full type, e.g. {@code bigint(20) unsigned}, {@code bit(3)}
 * @param fractionDigits fractional-second digits of a temporal type, else 0
 */
record Column(String name, String dataType, String columnType, int fractionDigits) {

  boolean unsigned() {
    return columnType.contains("unsigned");
  }

  /** The width of a {@code bit(n)} column. */
  int bitWidth() {
    int open = columnType.indexOf('(');
    int close = columnType.indexOf(')');
    return open < 0 || close < open ? 1 : Integer.parseInt(columnType.substring(open + 1, close));
  }

  String quoted() {
    return quote(name);
  }

  static String quote(String identifier) {
    return "`" + identifier.replace("`", "``") + "`";
  }
}
