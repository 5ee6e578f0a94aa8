package io.widerow.core.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** The problems found in one pipeline file, collected so that all are reported at once. */
final class ConfigErrors {

  private static final int MAX_VALUE_CHARS = 80;

  private final List<String> messages = new ArrayList<>();
  private final Set<String> settledPaths = new HashSet<>();

  /** Reports a problem at {@code path}, unless that path already has one (no cascades). */
  void add(String path, String problem) {
    if (settledPaths.add(path)) {
      messages.add(path + ": " + problem);
    }
  }

  /** A key that is absent (or has no value) although required. */
  void missing(String path, String expected) {
    add(path, "missing; expected " + expected);
  }

  /** A value that is present but not what the key takes. */
  void invalid(String path, JsonNode value, String expected) {
    invalid(path, render(value), expected);
  }

  void invalid(String path, String renderedValue, String expected) {
    add(path, renderedValue + " is not valid; expected " + expected);
  }

  int count() {
    return messages.size();
  }

  boolean isEmpty() {
    return messages.isEmpty();
  }

  List<String> messages() {
    return List.copyOf(messages);
  }

  /** Quotes scalars and shortens long structures, so one error stays one readable line. */
  static String render(JsonNode value) {
    String text = value.isValueNode() ? "'" + value.asText() + "'" : value.toString();
    return text.length() <= MAX_VALUE_CHARS ? text : text.substring(0, MAX_VALUE_CHARS) + "...";
  }

  static String quote(String value) {
    return "'" + value + "'";
  }
}
