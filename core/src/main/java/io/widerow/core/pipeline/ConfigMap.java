package io.widerow.core.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import io.widerow.core.pipeline.ConfigKey.Validator;
import io.widerow.core.pipeline.ConfigKey.Validator.Matching;
import io.widerow.core.pipeline.ConfigKey.Validator.OneOf;
import io.widerow.core.pipeline.ConfigKey.Validator.Range;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * One mapping of the pipeline file, read key by key through the {@link PipelineKeys} table, whose
 * ranges, patterns and defaults the getters apply. Every getter reports its own problem (key path,
 * value, expectation) and returns empty, so a section reads on and all errors are collected.
 *
 * <p>Numbers and booleans are also accepted as text, because a substituted {@code ${VAR}} is text.
 */
final class ConfigMap {

  private final String path;
  private final String members;
  private final JsonNode node;
  private final ConfigErrors errors;

  private ConfigMap(String path, String members, JsonNode node, ConfigErrors errors) {
    this.path = path;
    this.members = members;
    this.node = node;
    this.errors = errors;
  }

  /** The root mapping of a file. */
  static Optional<ConfigMap> root(JsonNode node, ConfigErrors errors) {
    return of("(file)", "", "", node, errors, fileExpected());
  }

  /** What a pipeline file is: a mapping of the table's top-level keys. */
  static String fileExpected() {
    return "a mapping with keys "
        + PipelineKeys.childrenOf("").stream()
            .map(ConfigKey::name)
            .collect(Collectors.joining(", "));
  }

  private static Optional<ConfigMap> of(
      String reportedPath,
      String path,
      String members,
      JsonNode node,
      ConfigErrors errors,
      String expected) {
    if (!node.isObject()) {
      errors.invalid(reportedPath, node, expected);
      return Optional.empty();
    }
    return Optional.of(new ConfigMap(path, members, node, errors));
  }

  String path() {
    return path;
  }

  /** Where {@code key} sits in this mapping, as errors print it. */
  String pathOf(ConfigKey key) {
    // A key of another mapping is a bug of the section that reads it, not of the file.
    if (!key.parent().equals(members)) {
      throw new IllegalArgumentException(
          key.path() + " is not a key of " + (members.isEmpty() ? "the file" : members));
    }
    return Paths.key(path, key.name());
  }

  ConfigErrors errors() {
    return errors;
  }

  /** Reports every key the table does not define for this mapping. */
  ConfigMap allowOnlyDefined() {
    return allowOnly(PipelineKeys.childrenOf(members));
  }

  /** Reports every key not in {@code allowed}, with the closest allowed key as a hint. */
  ConfigMap allowOnly(ConfigKey... allowed) {
    return allowOnly(Arrays.asList(allowed));
  }

  private ConfigMap allowOnly(List<ConfigKey> allowed) {
    allowed.forEach(this::pathOf);
    List<String> known = allowed.stream().map(ConfigKey::name).toList();
    for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
      String key = it.next();
      if (!known.contains(key)) {
        String hint =
            Suggestions.closest(key, known).map(k -> "did you mean '" + k + "'? ").orElse("");
        errors.add(
            Paths.key(path, key),
            "unknown key; " + hint + "expected one of: " + String.join(", ", known));
      }
    }
    return this;
  }

  boolean has(ConfigKey key) {
    pathOf(key);
    return node.hasNonNull(key.name());
  }

  /** A non-empty scalar, matching the key's pattern if it has one. */
  Optional<String> text(ConfigKey key) {
    String at = pathOf(key);
    String expected = key.expected();
    Optional<String> text = required(key).flatMap(value -> scalar(at, value, expected));
    if (key.validator() instanceof Matching matching) {
      return text.filter(value -> matches(at, value, matching));
    }
    return text;
  }

  /** An integer in the key's range; its default when absent, if it has one. */
  Optional<Integer> integer(ConfigKey key) {
    Range range = range(key);
    if (!has(key) && key.defaults().value().isPresent()) {
      return Optional.of((Integer) key.defaults().value().get());
    }
    return integral(key, range.max()).map(Long::intValue);
  }

  /** An integer whose maximum and default depend on another key's value. */
  Optional<Integer> integer(ConfigKey key, int max, int defaultValue) {
    range(key);
    return has(key) ? integral(key, max).map(Long::intValue) : Optional.of(defaultValue);
  }

  Optional<Long> longInteger(ConfigKey key) {
    return integral(key, range(key).max());
  }

  /** {@code true} or {@code false}; the key's default when absent, if it has one. */
  Optional<Boolean> bool(ConfigKey key) {
    if (!has(key) && key.defaults().value().isPresent()) {
      return Optional.of((Boolean) key.defaults().value().get());
    }
    return required(key)
        .flatMap(
            value -> {
              String text = value.asText();
              if (value.isValueNode() && (text.equals("true") || text.equals("false"))) {
                return Optional.of(Boolean.parseBoolean(text));
              }
              errors.invalid(pathOf(key), value, "true or false");
              return Optional.empty();
            });
  }

  /** One constant of the key's enum, written in lowercase in the file. */
  <E extends Enum<E>> Optional<E> choice(ConfigKey key, Class<E> type) {
    if (!(key.validator() instanceof OneOf oneOf) || oneOf.type() != type) {
      throw new IllegalArgumentException(key.path() + " does not take a " + type.getSimpleName());
    }
    return text(key)
        .flatMap(
            value -> {
              Optional<E> constant =
                  Arrays.stream(type.getEnumConstants())
                      .filter(c -> OneOf.lowercase(c).equals(value))
                      .findFirst();
              if (constant.isEmpty()) {
                errors.invalid(pathOf(key), ConfigErrors.quote(value), key.expected());
              }
              return constant;
            });
  }

  /** A list of distinct non-empty scalars; empty when absent and not required. */
  Optional<List<String>> texts(ConfigKey key) {
    String at = pathOf(key);
    if (!has(key)) {
      if (key.defaults().required()) {
        errors.missing(at, key.expected());
        return Optional.empty();
      }
      return Optional.of(List.of());
    }
    JsonNode list = node.get(key.name());
    if (!list.isArray() || list.isEmpty()) {
      errors.invalid(at, list, key.expected());
      return Optional.empty();
    }
    Set<String> values = new LinkedHashSet<>();
    boolean valid = true;
    for (int i = 0; i < list.size(); i++) {
      String elementPath = Paths.index(at, i);
      Optional<String> value = scalar(elementPath, list.get(i), key.validator().allowed());
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

  /** A file path; the key's own rules (required or not) apply. */
  Optional<java.nio.file.Path> path(ConfigKey key) {
    return text(key)
        .flatMap(
            text -> {
              try {
                return Optional.of(java.nio.file.Path.of(text));
              } catch (java.nio.file.InvalidPathException e) {
                errors.invalid(pathOf(key), ConfigErrors.quote(text), "a file path");
                return Optional.empty();
              }
            });
  }

  /** An optional file path: empty when absent. */
  Optional<java.nio.file.Path> optionalPath(ConfigKey key) {
    return has(key) ? path(key) : Optional.empty();
  }

  /**
   * Settings passed through to a client: a mapping of names to scalars, kept as text; an empty map
   * when absent, empty when invalid.
   */
  Optional<Map<String, String>> properties(ConfigKey key) {
    String at = pathOf(key);
    if (!has(key)) {
      return Optional.of(Map.of());
    }
    JsonNode mapping = node.get(key.name());
    if (!mapping.isObject()) {
      errors.invalid(at, mapping, key.expected());
      return Optional.empty();
    }
    Map<String, String> properties = new LinkedHashMap<>();
    boolean valid = true;
    for (Iterator<Map.Entry<String, JsonNode>> it = mapping.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> entry = it.next();
      JsonNode value = entry.getValue();
      if (!value.isValueNode() || value.isNull()) {
        errors.invalid(Paths.key(at, entry.getKey()), value, "a string, number or boolean");
        valid = false;
      } else {
        properties.put(entry.getKey(), value.asText());
      }
    }
    return valid ? Optional.of(properties) : Optional.empty();
  }

  Optional<ConfigMap> map(ConfigKey key) {
    String at = pathOf(key);
    return required(key).flatMap(value -> of(at, at, key.members(), value, errors, key.expected()));
  }

  /** A required non-empty list of mappings; the elements that are mappings. */
  List<ConfigMap> maps(ConfigKey key) {
    String at = pathOf(key);
    Optional<JsonNode> list = required(key);
    if (list.isEmpty()) {
      return List.of();
    }
    if (!list.get().isArray() || list.get().isEmpty()) {
      errors.invalid(at, list.get(), key.expected());
      return List.of();
    }
    String expectedElement = key.validator().allowed();
    List<ConfigMap> maps = new ArrayList<>();
    for (int i = 0; i < list.get().size(); i++) {
      String elementPath = Paths.index(at, i);
      of(elementPath, elementPath, key.members(), list.get().get(i), errors, expectedElement)
          .ifPresent(maps::add);
    }
    return maps;
  }

  /** A required non-empty mapping of names to mappings; the entries whose values are mappings. */
  Map<String, ConfigMap> namedMaps(ConfigKey key) {
    String at = pathOf(key);
    Optional<JsonNode> mapping = required(key);
    Map<String, ConfigMap> maps = new LinkedHashMap<>();
    if (mapping.isEmpty()) {
      return maps;
    }
    if (!mapping.get().isObject() || mapping.get().isEmpty()) {
      errors.invalid(at, mapping.get(), key.expected());
      return maps;
    }
    String expectedEntry = key.validator().allowed();
    for (Iterator<Map.Entry<String, JsonNode>> it = mapping.get().fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> entry = it.next();
      String entryPath = Paths.key(at, entry.getKey());
      of(entryPath, entryPath, key.members(), entry.getValue(), errors, expectedEntry)
          .ifPresent(map -> maps.put(entry.getKey(), map));
    }
    return maps;
  }

  /** Like {@link #namedMaps}, but an absent optional key is an empty mapping, not an error. */
  Map<String, ConfigMap> optionalNamedMaps(ConfigKey key) {
    return has(key) ? namedMaps(key) : new LinkedHashMap<>();
  }

  /**
   * A non-empty mapping of names to a scalar or a non-empty list of scalars, as in {@code where:
   * {status: [REFUNDED, PARTIAL]}}; empty when absent and not required.
   */
  Optional<Map<String, List<String>>> namedValues(ConfigKey key) {
    String at = pathOf(key);
    Map<String, List<String>> values = new LinkedHashMap<>();
    if (!has(key)) {
      if (key.defaults().required()) {
        errors.missing(at, key.expected());
        return Optional.empty();
      }
      return Optional.of(values);
    }
    JsonNode mapping = node.get(key.name());
    if (!mapping.isObject() || mapping.isEmpty()) {
      errors.invalid(at, mapping, key.expected());
      return Optional.empty();
    }
    boolean valid = true;
    for (Iterator<Map.Entry<String, JsonNode>> it = mapping.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> entry = it.next();
      String entryPath = Paths.key(at, entry.getKey());
      JsonNode value = entry.getValue();
      List<String> listed = new ArrayList<>();
      if (value.isArray() && !value.isEmpty()) {
        for (int i = 0; i < value.size(); i++) {
          Optional<String> one = scalar(Paths.index(entryPath, i), value.get(i), "a value");
          one.ifPresent(listed::add);
          valid &= one.isPresent();
        }
      } else {
        Optional<String> one = scalar(entryPath, value, "a value or a non-empty list of values");
        one.ifPresent(listed::add);
        valid &= one.isPresent();
      }
      values.put(entry.getKey(), List.copyOf(listed));
    }
    return valid ? Optional.of(values) : Optional.empty();
  }

  private Optional<JsonNode> required(ConfigKey key) {
    if (!has(key)) {
      errors.missing(pathOf(key), key.expected());
      return Optional.empty();
    }
    return Optional.of(node.get(key.name()));
  }

  private Optional<String> scalar(String at, JsonNode value, String expected) {
    if (!value.isValueNode() || value.isNull() || value.asText().isBlank()) {
      errors.invalid(at, value, expected);
      return Optional.empty();
    }
    return Optional.of(value.asText());
  }

  private boolean matches(String at, String value, Matching matching) {
    if (matching.pattern().matcher(value).matches()) {
      return true;
    }
    errors.invalid(at, ConfigErrors.quote(value), matching.allowed());
    return false;
  }

  private Optional<Long> integral(ConfigKey key, long max) {
    Range range = range(key);
    String expected = range.allowed(max);
    String at = pathOf(key);
    if (!has(key)) {
      errors.missing(at, expected);
      return Optional.empty();
    }
    JsonNode value = node.get(key.name());
    Optional<Long> number = Optional.empty();
    if (value.isIntegralNumber() && value.canConvertToLong()) {
      number = Optional.of(value.longValue());
    } else if (value.isTextual() && value.asText().strip().matches("[+-]?\\d{1,18}")) {
      number = Optional.of(Long.parseLong(value.asText().strip()));
    }
    if (number.isEmpty() || number.get() < range.min() || number.get() > max) {
      errors.invalid(at, value, expected);
      return Optional.empty();
    }
    return number;
  }

  private static Range range(ConfigKey key) {
    Validator validator = key.validator();
    if (validator instanceof Range range) {
      return range;
    }
    throw new IllegalArgumentException(key.path() + " is not an integer key");
  }
}
