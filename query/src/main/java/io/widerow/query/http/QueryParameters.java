package io.widerow.query.http;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** A request's query parameters, URL-decoded; a repeated name keeps every value in order. */
final class QueryParameters {

  private final Map<String, List<String>> values;

  private QueryParameters(Map<String, List<String>> values) {
    this.values = values;
  }

  static QueryParameters parse(String rawQuery) {
    Map<String, List<String>> values = new HashMap<>();
    if (rawQuery != null && !rawQuery.isEmpty()) {
      for (String pair : rawQuery.split("&")) {
        if (pair.isEmpty()) {
          continue;
        }
        int eq = pair.indexOf('=');
        String name = eq < 0 ? pair : pair.substring(0, eq);
        String value = eq < 0 ? "" : pair.substring(eq + 1);
        values.computeIfAbsent(decode(name), n -> new ArrayList<>(1)).add(decode(value));
      }
    }
    return new QueryParameters(values);
  }

  /** The first value of {@code name}, or null. */
  String first(String name) {
    List<String> all = values.get(name);
    return all == null ? null : all.get(0);
  }

  List<String> all(String name) {
    return values.getOrDefault(name, List.of());
  }

  Set<String> names() {
    return values.keySet();
  }

  int integer(String name, int fallback) {
    String value = first(name);
    if (value == null || value.isEmpty()) {
      return fallback;
    }
    try {
      return Integer.parseInt(value);
    } catch (NumberFormatException e) {
      throw ApiException.badRequest(name + ": '" + value + "' is not a whole number");
    }
  }

  boolean bool(String name, boolean fallback) {
    String value = first(name);
    if (value == null || value.isEmpty()) {
      return fallback;
    }
    if (value.equals("true") || value.equals("false")) {
      return Boolean.parseBoolean(value);
    }
    throw ApiException.badRequest(name + ": '" + value + "' is not valid; expected true or false");
  }

  /** Rejects any parameter this endpoint does not take: a typo must not pass silently. */
  void allowOnly(List<String> known) {
    for (String name : values.keySet()) {
      if (!known.contains(name)) {
        throw ApiException.badRequest(
            "unknown parameter '" + name + "'; expected one of: " + String.join(", ", known));
      }
    }
  }

  private static String decode(String text) {
    try {
      return URLDecoder.decode(text, StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw ApiException.badRequest("'" + text + "' is not valid URL encoding");
    }
  }
}
