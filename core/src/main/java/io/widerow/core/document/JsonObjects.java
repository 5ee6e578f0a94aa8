package io.widerow.core.document;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.widerow.core.document.FieldValues.UnfitValueException;
import io.widerow.core.pipeline.FieldType;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A JSON column as an {@code object} or {@code flattened} field: the column holds JSON text (a
 * MySQL JSON column arrives as a String), which must be one JSON object that Elasticsearch can map
 * without a conflict. Messages never quote the JSON: it may be personal data.
 */
final class JsonObjects {

  /**
   * Elasticsearch's default {@code index.mapping.depth.limit} and flattened {@code depth_limit}.
   */
  static final int MAX_DEPTH = 20;

  private static final ObjectMapper JSON =
      new ObjectMapper().enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

  private static final TypeReference<Map<String, Object>> OBJECT = new TypeReference<>() {};

  private JsonObjects() {}

  static Map<String, Object> asObject(Object raw, FieldType type) throws UnfitValueException {
    Map<String, Object> object;
    if (raw instanceof Map<?, ?> map) {
      @SuppressWarnings("unchecked")
      Map<String, Object> typed = (Map<String, Object>) map;
      object = typed;
    } else if (raw instanceof String text) {
      object = parse(text.strip(), type);
    } else {
      throw FieldValues.unfit(raw, type);
    }
    if (type == FieldType.OBJECT) {
      checkPaths(object, "", new HashSet<>(), new HashSet<>(), 1);
    } else {
      checkDepth(object, 1);
    }
    return object;
  }

  private static Map<String, Object> parse(String text, FieldType type) throws UnfitValueException {
    if (!text.startsWith("{")) {
      throw new UnfitValueException(
          "a String that is not a JSON object cannot be indexed as " + type.mappingType());
    }
    try {
      return JSON.readValue(text, OBJECT);
    } catch (JsonProcessingException e) {
      String why =
          e.getOriginalMessage() != null && e.getOriginalMessage().startsWith("Duplicate field")
              ? "a JSON object with a key twice"
              : "a String that is not valid JSON";
      throw new UnfitValueException(why + " cannot be indexed as " + type.mappingType());
    }
  }

  /**
   * Elasticsearch expands dotted keys into objects, so {@code {"a": 1, "a.b": 2}} asks for a value
   * and an object at {@code a}; in an object mapping that is a mapping conflict per document, which
   * is caught here, before the bulk request.
   */
  private static void checkPaths(
      Map<String, Object> object, String prefix, Set<String> values, Set<String> objects, int depth)
      throws UnfitValueException {
    if (depth > MAX_DEPTH) {
      throw new UnfitValueException(
          "a JSON object nested deeper than " + MAX_DEPTH + " levels cannot be indexed as object");
    }
    for (Map.Entry<String, Object> entry : object.entrySet()) {
      String key = entry.getKey();
      if (key.isEmpty() || key.startsWith(".") || key.endsWith(".") || key.contains("..")) {
        throw new UnfitValueException(
            "a JSON object with an empty key cannot be indexed as object");
      }
      String path = prefix + key;
      String[] parts = path.split("\\.");
      StringBuilder parent = new StringBuilder();
      for (int i = 0; i < parts.length - 1; i++) {
        parent.append(i == 0 ? "" : ".").append(parts[i]);
        claim(parent.toString(), objects, values);
      }
      Object value = entry.getValue();
      if (value instanceof Map<?, ?> inner) {
        claim(path, objects, values);
        @SuppressWarnings("unchecked")
        Map<String, Object> typed = (Map<String, Object>) inner;
        checkPaths(typed, path + ".", values, objects, depth + 1);
      } else if (value instanceof List<?> list
          && list.stream().anyMatch(v -> v instanceof Map || v instanceof List)) {
        throw new UnfitValueException(
            "a JSON array of objects or arrays cannot be indexed as object (flattened takes it)");
      } else {
        if (objects.contains(path) || !values.add(path)) {
          throw conflict();
        }
      }
    }
  }

  private static void claim(String path, Set<String> objects, Set<String> values)
      throws UnfitValueException {
    if (values.contains(path)) {
      throw conflict();
    }
    objects.add(path);
  }

  private static UnfitValueException conflict() {
    return new UnfitValueException(
        "a JSON object with a value and an object at one path (as in keys a and a.b) cannot be"
            + " indexed as object");
  }

  private static void checkDepth(Object value, int depth) throws UnfitValueException {
    if (value instanceof Map && depth > MAX_DEPTH) {
      throw new UnfitValueException(
          "a JSON object nested deeper than "
              + MAX_DEPTH
              + " levels cannot be indexed as flattened");
    }
    if (value instanceof Map<?, ?> map) {
      for (Object inner : map.values()) {
        checkDepth(inner, depth + 1);
      }
    } else if (value instanceof List<?> list) {
      for (Object inner : list) {
        checkDepth(inner, depth);
      }
    }
  }
}
