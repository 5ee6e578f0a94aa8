package io.widerow.core.pipeline;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Set;

/**
 * Checks values and date formats written in the pipeline file ({@code default}, {@code nullValue},
 * {@code format}) against a field's type, so that a mistake stops the start rather than every
 * document.
 */
final class TypedText {

  /** Date format names Elasticsearch defines (java.time patterns are accepted besides). */
  private static final Set<String> DATE_FORMATS =
      Set.of(
          "epoch_millis",
          "epoch_second",
          "date_optional_time",
          "strict_date_optional_time",
          "strict_date_optional_time_nanos",
          "basic_date",
          "basic_date_time",
          "basic_date_time_no_millis",
          "date",
          "strict_date",
          "date_time",
          "strict_date_time",
          "date_time_no_millis",
          "strict_date_time_no_millis",
          "date_hour_minute_second",
          "strict_date_hour_minute_second",
          "date_hour_minute_second_millis",
          "strict_date_hour_minute_second_millis",
          "year_month_day",
          "strict_year_month_day",
          "year_month",
          "strict_year_month",
          "year",
          "strict_year",
          "iso8601");

  private TypedText() {}

  /** What a value of {@code type} looks like, in the words of an error. */
  static String expected(FieldType type) {
    return switch (type) {
      case KEYWORD, TEXT -> "a text";
      case LONG -> "an integer (a long)";
      case INTEGER -> "an integer in " + Integer.MIN_VALUE + ".." + Integer.MAX_VALUE;
      case DOUBLE, SCALED_FLOAT -> "a decimal number";
      case DATE -> "an ISO-8601 date or date-time, or epoch milliseconds";
      case BOOLEAN -> "true or false";
      case OBJECT, FLATTENED -> "no value: a JSON field takes none";
    };
  }

  /** Whether {@code text} is a value of {@code type}. */
  static boolean fits(FieldType type, String text) {
    String s = text.strip();
    try {
      switch (type) {
        case KEYWORD, TEXT -> {
          return true;
        }
        case LONG -> Long.parseLong(s);
        case INTEGER -> Integer.parseInt(s);
        case DOUBLE, SCALED_FLOAT -> new BigDecimal(s);
        case BOOLEAN -> {
          return s.equals("true") || s.equals("false");
        }
        case DATE -> {
          return s.matches("-?\\d{1,19}") || isDate(s);
        }
        case OBJECT, FLATTENED -> {
          return false;
        }
      }
      return true;
    } catch (NumberFormatException e) {
      return false;
    }
  }

  private static boolean isDate(String s) {
    for (java.util.function.Consumer<String> parser :
        List.<java.util.function.Consumer<String>>of(
            Instant::parse, OffsetDateTime::parse, LocalDateTime::parse, LocalDate::parse)) {
      try {
        parser.accept(s);
        return true;
      } catch (DateTimeParseException notThisOne) {
        // try the next form
      }
    }
    return false;
  }

  /** Whether every {@code ||}-separated part is a format name or a java.time pattern. */
  static boolean isDateFormat(String format) {
    for (String part : format.split("\\|\\|", -1)) {
      if (part.isBlank()) {
        return false;
      }
      if (!DATE_FORMATS.contains(part)) {
        try {
          DateTimeFormatter.ofPattern(part);
        } catch (IllegalArgumentException e) {
          return false;
        }
      }
    }
    return true;
  }
}
