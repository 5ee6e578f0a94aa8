package io.widerow.core.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Walks a parsed pipeline file by the key table, independently of the loader: which table keys it
 * uses, which of its keys the table lacks, and one mapping of the file for each mapping path.
 */
final class KeyWalk {

  /** Table paths the file uses, as in {@code sources[].port}. */
  final Set<String> used = new LinkedHashSet<>();

  /** Keys of the file the table has no entry for, as errors would print them. */
  final Set<String> unknown = new LinkedHashSet<>();

  /** For each mapping path of the table ("" for the file), its first mapping in the file. */
  final Map<String, Instance> mappings = new LinkedHashMap<>();

  record Instance(String path, ObjectNode node) {}

  private KeyWalk() {}

  static KeyWalk of(JsonNode file) {
    KeyWalk walk = new KeyWalk();
    walk.mapping("", "", file);
    return walk;
  }

  private void mapping(String members, String path, JsonNode node) {
    if (!(node instanceof ObjectNode object)) {
      return;
    }
    mappings.putIfAbsent(members, new Instance(path, object));
    for (Iterator<Map.Entry<String, JsonNode>> it = object.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> field = it.next();
      String keyPath = Paths.key(path, field.getKey());
      Optional<ConfigKey> key =
          PipelineKeys.byPath(Paths.key(members, field.getKey()))
              .filter(k -> k.parent().equals(members));
      if (key.isEmpty()) {
        unknown.add(keyPath);
        continue;
      }
      used.add(key.get().path());
      value(key.get(), keyPath, field.getValue());
    }
  }

  private void value(ConfigKey key, String path, JsonNode value) {
    switch (key.type()) {
      case MAPPING -> mapping(key.members(), path, value);
      case LIST_OF_MAPPINGS -> {
        for (int i = 0; i < value.size(); i++) {
          mapping(key.members(), Paths.index(path, i), value.get(i));
        }
      }
      case NAMED_MAPPINGS -> {
        for (Iterator<Map.Entry<String, JsonNode>> it = value.fields(); it.hasNext(); ) {
          Map.Entry<String, JsonNode> entry = it.next();
          mapping(key.members(), Paths.key(path, entry.getKey()), entry.getValue());
        }
      }
      default -> {}
    }
  }
}
