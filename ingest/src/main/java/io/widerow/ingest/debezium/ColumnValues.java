package io.widerow.ingest.debezium;

import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.Struct;

/**
 * Turns a Debezium row Struct into plain JSON-friendly values: DATETIME as epoch ms (Long),
 * TIMESTAMP as its ISO-8601 string, DATE as {@code yyyy-MM-dd}, TIME as {@code
 * [-]HH:mm:ss[.ffffff]}, DECIMAL and JSON as strings, binary as base64, NULL as null.
 */
final class ColumnValues {

  private ColumnValues() {}

  /** The row's columns in table order; an absent row image is an empty map. */
  static Map<String, Object> of(Struct row) {
    Map<String, Object> columns = new LinkedHashMap<>();
    if (row == null) {
      return columns;
    }
    for (Field field : row.schema().fields()) {
      columns.put(field.name(), value(field.schema(), row.get(field)));
    }
    return columns;
  }

  static Object value(Schema schema, Object value) {
    if (value == null) {
      return null;
    }
    String logical = schema.name();
    if (logical != null) {
      Object converted = logicalValue(logical, value);
      if (converted != null) {
        return converted;
      }
    }
    if (value instanceof byte[] bytes) {
      return Base64.getEncoder().encodeToString(bytes);
    }
    if (value instanceof ByteBuffer buffer) {
      ByteBuffer copy = buffer.duplicate();
      byte[] bytes = new byte[copy.remaining()];
      copy.get(bytes);
      return Base64.getEncoder().encodeToString(bytes);
    }
    if (value instanceof BigDecimal decimal) {
      return decimal.toPlainString();
    }
    if (value instanceof java.util.Date date) {
      return date.getTime();
    }
    if (value instanceof Struct struct) {
      return of(struct);
    }
    if (value instanceof List<?> list) {
      List<Object> values = new ArrayList<>(list.size());
      list.forEach(v -> values.add(value(schema.valueSchema(), v)));
      return values;
    }
    if (value instanceof Map<?, ?> map) {
      Map<String, Object> values = new LinkedHashMap<>();
      map.forEach((k, v) -> values.put(String.valueOf(k), value(schema.valueSchema(), v)));
      return values;
    }
    return value;
  }

  /** A Debezium temporal type's plain value, or null when the name is no such type. */
  private static Object logicalValue(String logical, Object value) {
    return switch (logical) {
      case "io.debezium.time.Timestamp" -> ((Number) value).longValue();
      case "io.debezium.time.MicroTimestamp" -> Math.floorDiv(((Number) value).longValue(), 1_000L);
      case "io.debezium.time.NanoTimestamp" ->
          Math.floorDiv(((Number) value).longValue(), 1_000_000L);
      case "io.debezium.time.Date" -> LocalDate.ofEpochDay(((Number) value).longValue()).toString();
      case "io.debezium.time.Time" -> timeOfDay(((Number) value).longValue() * 1_000L);
      case "io.debezium.time.MicroTime" -> timeOfDay(((Number) value).longValue());
      case "io.debezium.time.NanoTime" -> timeOfDay(((Number) value).longValue() / 1_000L);
      default -> null;
    };
  }

  /** MySQL's TIME is a duration (-838:59:59 to 838:59:59), not always a time of day. */
  static String timeOfDay(long micros) {
    String sign = micros < 0 ? "-" : "";
    long abs = Math.abs(micros);
    long seconds = abs / 1_000_000L;
    long fraction = abs % 1_000_000L;
    String hms =
        String.format("%s%02d:%02d:%02d", sign, seconds / 3600, (seconds / 60) % 60, seconds % 60);
    return fraction == 0 ? hms : hms + String.format(".%06d", fraction);
  }
}
