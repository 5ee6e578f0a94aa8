package io.widerow.verify.jdbc;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatterBuilder;
import java.time.temporal.ChronoField;
import java.util.Base64;

/**
 * Reads a column the way ingest's Debezium adapter ({@code ingest.debezium.ColumnValues}, with the
 * engine's {@code decimal.handling.mode=string}) presents it, so that cells compare value for
 * value: integers as Long (BIGINT UNSIGNED wrapping like Debezium's {@code long} mode), DECIMAL as
 * its plain string, FLOAT widened from float as Debezium does, DATETIME as epoch ms of its wall
 * clock read as UTC, TIMESTAMP as an ISO-8601 UTC string (the session runs at {@code +00:00}), DATE
 * as {@code yyyy-MM-dd}, TIME as {@code [-]HH:mm:ss[.ffffff]}, BIT(1) as Boolean, BIT(n) and binary
 * as base64 (BIT little-endian), YEAR as Long, text, ENUM, SET and JSON as strings.
 */
final class JdbcValues {

  private JdbcValues() {}

  static Object read(ResultSet rs, int index, Column column) throws SQLException {
    switch (column.dataType()) {
      case "tinyint", "smallint", "mediumint", "int", "integer" -> {
        long value = rs.getLong(index);
        return rs.wasNull() ? null : value;
      }
      case "bigint" -> {
        BigDecimal value = rs.getBigDecimal(index);
        return value == null ? null : value.toBigInteger().longValue();
      }
      case "decimal", "numeric" -> {
        BigDecimal value = rs.getBigDecimal(index);
        return value == null ? null : value.toPlainString();
      }
      case "float" -> {
        float value = rs.getFloat(index);
        return rs.wasNull() ? null : (double) value;
      }
      case "double", "real" -> {
        double value = rs.getDouble(index);
        return rs.wasNull() ? null : value;
      }
      case "bit" -> {
        return bits(rs.getBytes(index), column.bitWidth());
      }
      case "datetime", "timestamp" -> {
        // Not getString: Connector/J 3.5 drops a fraction's leading zeros there (".003" reads
        // ".3000", i.e. 300 ms). Its LocalDateTime is exact; the text still tells a zero date.
        String text = rs.getString(index);
        if (text == null || isZeroDate(text)) {
          return null;
        }
        return dateTime(rs.getObject(index, LocalDateTime.class), column);
      }
      case "binary",
          "varbinary",
          "tinyblob",
          "blob",
          "mediumblob",
          "longblob",
          "geometry",
          "point",
          "linestring",
          "polygon" -> {
        byte[] bytes = rs.getBytes(index);
        return bytes == null ? null : Base64.getEncoder().encodeToString(bytes);
      }
      default -> {
        return text(rs.getString(index), column);
      }
    }
  }

  /** Temporal types arrive as the server's text, which is exact and time-zone free. */
  static Object text(String text, Column column) {
    if (text == null) {
      return null;
    }
    return switch (column.dataType()) {
      case "datetime", "timestamp" ->
          isZeroDate(text)
              ? null
              : dateTime(LocalDateTime.parse(text.trim().replace(' ', 'T')), column);
      case "date" -> isZeroDate(text) ? null : text;
      case "time" -> time(text);
      case "year" -> Long.parseLong(text.trim());
      default -> text;
    };
  }

  /** DATETIME as epoch ms of its wall clock read as UTC, TIMESTAMP as ISO-8601 UTC text. */
  static Object dateTime(LocalDateTime value, Column column) {
    if (column.dataType().equals("datetime")) {
      return value.toInstant(ZoneOffset.UTC).toEpochMilli();
    }
    DateTimeFormatterBuilder format =
        new DateTimeFormatterBuilder().appendPattern("yyyy-MM-dd'T'HH:mm:ss");
    if (column.fractionDigits() > 0) {
      format.appendFraction(
          ChronoField.NANO_OF_SECOND, column.fractionDigits(), column.fractionDigits(), true);
    }
    return value.format(format.appendLiteral('Z').toFormatter());
  }

  /** MySQL's TIME is a duration, -838:59:59.999999 to 838:59:59.999999. */
  static String time(String text) {
    String s = text.trim();
    boolean negative = s.startsWith("-");
    String[] parts = (negative ? s.substring(1) : s).split(":");
    String[] seconds = parts[2].split("\\.");
    long micros =
        (Long.parseLong(parts[0]) * 3600
                + Long.parseLong(parts[1]) * 60
                + Long.parseLong(seconds[0]))
            * 1_000_000L;
    if (seconds.length > 1) {
      micros += Long.parseLong((seconds[1] + "000000").substring(0, 6));
    }
    return timeOfDay(negative ? -micros : micros);
  }

  /** The same text as ingest's {@code ColumnValues.timeOfDay}. */
  static String timeOfDay(long micros) {
    String sign = micros < 0 ? "-" : "";
    long abs = Math.abs(micros);
    long secs = abs / 1_000_000L;
    long fraction = abs % 1_000_000L;
    String hms = String.format("%s%02d:%02d:%02d", sign, secs / 3600, (secs / 60) % 60, secs % 60);
    return fraction == 0 ? hms : hms + String.format(".%06d", fraction);
  }

  /** Debezium: BIT(1) is a Boolean, BIT(n) little-endian bytes, (n + 7) / 8 of them. */
  static Object bits(byte[] bigEndian, int width) {
    if (bigEndian == null) {
      return null;
    }
    if (width == 1) {
      return bigEndian.length > 0 && bigEndian[bigEndian.length - 1] != 0;
    }
    byte[] little = new byte[(width + 7) / 8];
    for (int i = 0; i < little.length && i < bigEndian.length; i++) {
      little[i] = bigEndian[bigEndian.length - 1 - i];
    }
    return Base64.getEncoder().encodeToString(little);
  }

  private static boolean isZeroDate(String text) {
    return text.startsWith("0000-00-00");
  }
}
