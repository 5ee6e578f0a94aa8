package io.widerow.core.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * One mapping of the pipeline file, read key by key. Every getter reports its own problem (key
 * path, value, expectation) and returns empty, so a section reads on and all errors are collected.
 *
 * <p>Numbers and booleans are also accepted as text, because a substituted {@code ${VAR}} is text.
 */
final class ConfigMap {

  private final String path;
  private final JsonNode node;
  private final ConfigErrors errors;

  private ConfigMap(String path, JsonNode node, ConfigErrors errors) {
    this.path = path;
    this.node = node;
    this.errors = errors;
  }

  /** The root mapping of a file. */
  static Optional<ConfigMap> root(JsonNode node, ConfigErrors errors, String expected) {
    return of("(file)", "", node, errors, expected);
  }

  private static Optional<ConfigMap> of(
      String reportedPath, String path, JsonNode node, ConfigErrors errors, String expected) {
    if (!node.isObject()) {
      errors.invalid(reportedPath, node, expected);
      return Optional.empty();
    }
    return Optional.of(new ConfigMap(path, node, errors));
  }

  String path() {
    return path;
  }

  String pathOf(String key) {
    return Paths.key(path, key);
  }

  ConfigErrors errors() {
    return errors;
  }

  /** Reports every key not in {@code allowed}, with the closest allowed key as a hint. */
  ConfigMap allowOnly(String... allowed) {
    List<String> known = Arrays.asList(allowed);
    for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
      String key = it.next();
      if (!known.contains(key)) {
        String hint =
            Suggestions.closest(key, known).map(k -> "did you mean '" + k + "'? ").orElse("");
        errors.add(
            pathOf(key), "unknown key; " + hint + "expected one of: " + String.join(", ", known));
      }
    }
    return this;
  }

  boolean has(String key) {
    return node.hasNonNull(key);
  }

  /** A required non-empty scalar. */
  Optional<String> text(String key, String expected) {
    return required(key, expected).flatMap(value -> scalar(pathOf(key), value, expected));
  }

  /** A required scalar matching {@code pattern}. */
  Optional<String> text(String key, Pattern pattern, String expected) {
    return text(key, expected).filter(value -> matches(pathOf(key), value, pattern, expected));
  }

  Optional<Integer> integer(String key, int min, int max) {
    return required(key, range(min, max))
        .flatMap(value -> integral(pathOf(key), value, min, max))
        .map(Long::intValue);
  }

  Optional<Integer> integer(String key, int min, int max, int defaultValue) {
    return has(key) ? integer(key, min, max) : Optional.of(defaultValue);
  }

  Optional<Long> longInteger(String key, long min, long max) {
    return required(key, range(min, max)).flatMap(value -> integral(pathOf(key), value, min, max));
  }

  Optional<Boolean> bool(String key, boolean defaultValue) {
    if (!has(key)) {
      return Optional.of(defaultValue);
    }
    String text = node.get(key).asText();
    if (node.get(key).isValueNode() && (text.equals("true") || text.equals("false"))) {
      return Optional.of(Boolean.parseBoolean(text));
    }
    errors.invalid(pathOf(key), node.get(key), "true or false");
    return Optional.empty();
  }

  /** A required enum constant, written in lowercase in the file. */
  <E extends Enum<E>> Optional<E> choice(String key, Class<E> type) {
    String expected =
        "one of: "
            + Arrays.stream(type.getEnumConstants())
                .map(ConfigMap::lowercase)
                .collect(Collectors.joining(", "));
    return text(key, expected)
        .flatMap(
            value -> {
              Optional<E> constant =
                  Arrays.stream(type.getEnumConstants())
                      .filter(c -> lowercase(c).equals(value))
                      .findFirst();
              if (constant.isEmpty()) {
                errors.invalid(pathOf(key), ConfigErrors.quote(value), expected);
              }
              return constant;
            });
  }

  /** A list of distinct non-empty scalars; empty when absent and not required. */
  Optional<List<String>> texts(String key, boolean required, String expectedElement) {
    String expected = "a non-empty list of " + expectedElement;
    if (!has(key)) {
      if (required) {
        errors.missing(pathOf(key), expected);
        return Optional.empty();
      }
      return Optional.of(List.of());
    }
    JsonNode list = node.get(key);
    if (!list.isArray() || list.isEmpty()) {
      errors.invalid(pathOf(key), list, expected);
      return Optional.empty();
    }
    Set<String> values = new LinkedHashSet<>();
    boolean valid = true;
    for (int i = 0; i < list.size(); i++) {
      String elementPath = Paths.index(pathOf(key), i);
      Optional<String> value = scalar(elementPath, list.get(i), expectedElement);
      if (value.isPresent() && !values.add(value.get())) {
        errors.add(
            elementPath,
            ConfigErrors.render(list.get(i)) + " is listed twice; expected distinct values");
      }
      valid &= value.isPresent();
    }
    return valid && values.size() == list.size()
        ? Optional.of(List.copyOf(values))
        : Optional.empty();
  }

  Optional<ConfigMap> map(String key, String expected) {
    return required(key, expected)
        .flatMap(value -> of(pathOf(key), pathOf(key), value, errors, expected));
  }

  /** A required non-empty list of mappings; the elements that are mappings. */
  List<ConfigMap> maps(String key, String expectedElement) {
    String expected = "a non-empty list, each " + expectedElement;
    Optional<JsonNode> list = required(key, expected);
    if (list.isEmpty()) {
      return List.of();
    }
    if (!list.get().isArray() || list.get().isEmpty()) {
      errors.invalid(pathOf(key), list.get(), expected);
      return List.of();
    }
    List<ConfigMap> maps = new ArrayList<>();
    for (int i = 0; i < list.get().size(); i++) {
      String elementPath = Paths.index(pathOf(key), i);
      of(elementPath, elementPath, list.get().get(i), errors, expectedElement).ifPresent(maps::add);
    }
    return maps;
  }

  /** A required non-empty mapping of names to mappings; the entries whose values are mappings. */
  Map<String, ConfigMap> namedMaps(String key, String expectedEntry) {
    String expected = "a non-empty mapping from name to " + expectedEntry;
    Optional<JsonNode> mapping = required(key, expected);
    Map<String, ConfigMap> maps = new LinkedHashMap<>();
    if (mapping.isEmpty()) {
      return maps;
    }
    if (!mapping.get().isObject() || mapping.get().isEmpty()) {
      errors.invalid(pathOf(key), mapping.get(), expected);
      return maps;
    }
    for (Iterator<Map.Entry<String, JsonNode>> it = mapping.get().fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> entry = it.next();
      String entryPath = Paths.key(pathOf(key), entry.getKey());
      of(entryPath, entryPath, entry.getValue(), errors, expectedEntry)
          .ifPresent(map -> maps.put(entry.getKey(), map));
    }
    return maps;
  }

  private Optional<JsonNode> required(String key, String expected) {
    if (!has(key)) {
      errors.missing(pathOf(key), expected);
      return Optional.empty();
    }
    return Optional.of(node.get(key));
  }

  private Optional<String> scalar(String at, JsonNode value, String expected) {
    if (!value.isValueNode() || value.isNull() || value.asText().isBlank()) {
      errors.invalid(at, value, expected);
      return Optional.empty();
    }
    return Optional.of(value.asText());
  }

  private boolean matches(String at, String value, Pattern pattern, String expected) {
    if (pattern.matcher(value).matches()) {
      return true;
    }
    errors.invalid(at, ConfigErrors.quote(value), expected);
    return false;
  }

  private Optional<Long> integral(String at, JsonNode value, long min, long max) {
    Optional<Long> number = Optional.empty();
    if (value.isIntegralNumber() && value.canConvertToLong()) {
      number = Optional.of(value.longValue());
    } else if (value.isTextual() && value.asText().strip().matches("[+-]?\\d{1,18}")) {
      number = Optional.of(Long.parseLong(value.asText().strip()));
    }
    if (number.isEmpty() || number.get() < min || number.get() > max) {
      errors.invalid(at, value, range(min, max));
      return Optional.empty();
    }
    return number;
  }

  private static String range(long min, long max) {
    return max == Integer.MAX_VALUE || max == Long.MAX_VALUE
        ? "an integer >= " + min
        : "an integer in " + min + ".." + max;
  }

  private static String lowercase(Enum<?> constant) {
    return constant.name().toLowerCase(Locale.ROOT);
  }
}
