package io.widerow.core.document;

import io.widerow.core.pipeline.FieldType;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Converts a column value (String, Number, Boolean as the cell codec decodes them) to what a
 * mapping type holds, so that Elasticsearch never has to guess and a bad value is caught before the
 * bulk request. Messages describe the value's kind, never the value: it may be personal data.
 */
final class FieldValues {

  /** A value the mapping type cannot hold; a record error, not a failure of the service. */
  static final class UnfitValueException extends Exception {
    UnfitValueException(String message) {
      this(message, null);
    }

    UnfitValueException(String message, Throwable cause) {
      super(message, cause, false, false);
    }
  }

  private FieldValues() {}

  /** The converted value; {@code null} stays {@code null} (the field is left out). */
  static Object convert(Object raw, FieldType type) throws UnfitValueException {
    if (raw == null) {
      return null;
    }
    if (type.isJson()) {
      return JsonObjects.asObject(raw, type);
    }
    if (raw instanceof Map || raw instanceof List) {
      throw unfit(raw, type);
    }
    return switch (type) {
      case KEYWORD, TEXT -> asText(raw);
      case LONG -> asIntegral(raw, type).longValueExact();
      case INTEGER -> asInt(raw, type);
      case DOUBLE -> asDouble(raw, type);
      case SCALED_FLOAT -> exact(asDecimal(raw, type), type);
      case DATE -> asEpochMillis(raw, type);
      case BOOLEAN -> asBoolean(raw, type);
      case OBJECT, FLATTENED -> throw new IllegalStateException("handled above");
    };
  }

  /**
   * A number computed in exact decimal arithmetic (a sum), as the type holds it: the exact digits
   * for a double or scaled_float (JSON carries them; Elasticsearch rounds once, when it indexes),
   * an integer for long and integer (a fraction is unfit).
   */
  static Object convertExact(BigDecimal value, FieldType type) throws UnfitValueException {
    return switch (type) {
      case DOUBLE, SCALED_FLOAT -> exact(value, type);
      default -> convert(value, type);
    };
  }

  private static BigDecimal exact(BigDecimal value, FieldType type) throws UnfitValueException {
    if (!Double.isFinite(value.doubleValue())) {
      throw new UnfitValueException("a number out of range cannot be a " + type.mappingType());
    }
    return value;
  }

  /** A column value as a number, for sums and products; empty for null. */
  static BigDecimal decimal(Object raw, FieldType type) throws UnfitValueException {
    return raw == null ? null : asDecimal(raw, type);
  }

  /** A column value as text, as a {@code where} compares it. */
  static String text(Object raw) {
    return raw == null ? null : asText(raw);
  }

  private static String asText(Object raw) {
    if (raw instanceof Double || raw instanceof Float) {
      return BigDecimal.valueOf(((Number) raw).doubleValue()).toPlainString();
    }
    return raw.toString();
  }

  private static BigDecimal asIntegral(Object raw, FieldType type) throws UnfitValueException {
    BigDecimal number = asDecimal(raw, type);
    try {
      // Reject a fraction rather than truncate it: 12.5 in a long field is a modelling error.
      BigInteger integral = number.toBigIntegerExact();
      if (integral.bitLength() > 63) {
        throw new UnfitValueException("a number out of range cannot be a " + type.mappingType());
      }
      return new BigDecimal(integral);
    } catch (ArithmeticException fraction) {
      throw new UnfitValueException(
          "a number with a fraction cannot be a " + type.mappingType(), fraction);
    }
  }

  private static int asInt(Object raw, FieldType type) throws UnfitValueException {
    long value = asIntegral(raw, type).longValueExact();
    if (value < Integer.MIN_VALUE || value > Integer.MAX_VALUE) {
      throw new UnfitValueException("a number out of range cannot be an integer");
    }
    return (int) value;
  }

  private static double asDouble(Object raw, FieldType type) throws UnfitValueException {
    double value = asDecimal(raw, type).doubleValue();
    if (!Double.isFinite(value)) {
      throw new UnfitValueException("a number out of range cannot be a double");
    }
    return value;
  }

  /** DATETIME arrives as epoch ms; TIMESTAMP as an ISO-8601 string; both become epoch ms. */
  private static long asEpochMillis(Object raw, FieldType type) throws UnfitValueException {
    if (raw instanceof Number || isInteger(raw)) {
      return asIntegral(raw, type).longValueExact();
    }
    if (raw instanceof String text) {
      String s = text.trim();
      for (Function<String, Instant> parser : DATE_PARSERS) {
        Optional<Instant> parsed = tryParse(parser, s);
        if (parsed.isPresent()) {
          return parsed.get().toEpochMilli();
        }
      }
      throw new UnfitValueException("a String that is not an ISO-8601 date cannot be a date");
    }
    throw unfit(raw, type);
  }

  private static final List<Function<String, Instant>> DATE_PARSERS =
      List.of(
          Instant::parse,
          s -> OffsetDateTime.parse(s).toInstant(),
          s -> LocalDateTime.parse(s).toInstant(ZoneOffset.UTC),
          s -> LocalDate.parse(s).atStartOfDay(ZoneOffset.UTC).toInstant());

  private static Optional<Instant> tryParse(Function<String, Instant> parser, String s) {
    try {
      return Optional.of(parser.apply(s));
    } catch (DateTimeParseException notThisFormat) {
      return Optional.empty();
    }
  }

  /** TINYINT(1) columns arrive as 0/1. */
  private static boolean asBoolean(Object raw, FieldType type) throws UnfitValueException {
    if (raw instanceof Boolean b) {
      return b;
    }
    String s = raw.toString().trim();
    if (s.equals("1") || s.equalsIgnoreCase("true")) {
      return true;
    }
    if (s.equals("0") || s.equalsIgnoreCase("false")) {
      return false;
    }
    throw new UnfitValueException(
        "a " + kind(raw) + " other than true/false/1/0 cannot be a boolean");
  }

  private static BigDecimal asDecimal(Object raw, FieldType type) throws UnfitValueException {
    if (raw instanceof BigDecimal d) {
      return d;
    }
    if (raw instanceof BigInteger i) {
      return new BigDecimal(i);
    }
    if (raw instanceof Long
        || raw instanceof Integer
        || raw instanceof Short
        || raw instanceof Byte) {
      return BigDecimal.valueOf(((Number) raw).longValue());
    }
    if (raw instanceof Double || raw instanceof Float) {
      double d = ((Number) raw).doubleValue();
      if (!Double.isFinite(d)) {
        throw new UnfitValueException("a non-finite number cannot be a " + type.mappingType());
      }
      return BigDecimal.valueOf(d);
    }
    if (raw instanceof String s) {
      try {
        return new BigDecimal(s.trim()); // DECIMAL columns arrive as exact strings
      } catch (NumberFormatException e) {
        throw new UnfitValueException(
            "a String that is not a number cannot be a " + type.mappingType());
      }
    }
    throw unfit(raw, type);
  }

  private static boolean isInteger(Object raw) {
    return raw instanceof String s && s.trim().matches("-?\\d{1,19}");
  }

  static UnfitValueException unfit(Object raw, FieldType type) {
    return new UnfitValueException("a " + kind(raw) + " cannot be a " + type.mappingType());
  }

  static String kind(Object raw) {
    if (raw instanceof Map) {
      return "JSON object";
    }
    if (raw instanceof List) {
      return "JSON array";
    }
    return raw.getClass().getSimpleName();
  }
}
