package io.widerow.core.pipeline;

import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/** The demo pipeline file with one edit at a key path, for valid/invalid pairs of a rule. */
final class PipelineYaml {

  static final String DEMO_RESOURCE = "/pipeline/orders.pipeline.yaml";
  static final String MAXIMAL_RESOURCE = "/pipeline/maximal.pipeline.yaml";
  static final String ORIGIN = "orders.pipeline.yaml";

  private static final YAMLMapper YAML = new YAMLMapper();

  private final ObjectNode tree;

  private PipelineYaml(ObjectNode tree) {
    this.tree = tree;
  }

  static String demoText() {
    return resourceText(DEMO_RESOURCE);
  }

  /** A file that uses every key of the table at least once. */
  static String maximalText() {
    return resourceText(MAXIMAL_RESOURCE);
  }

  private static String resourceText(String resource) {
    try (InputStream in = PipelineYaml.class.getResourceAsStream(resource)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static PipelineYaml demo() {
    return of(demoText());
  }

  static PipelineYaml maximal() {
    return of(maximalText());
  }

  static PipelineYaml of(String yaml) {
    try {
      return new PipelineYaml((ObjectNode) YAML.readTree(yaml));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Sets the value at a path such as {@code tables.orders.key} or {@code sources[0].port}. */
  PipelineYaml set(String path, Object value) {
    JsonNode node = YAML.valueToTree(value);
    Step last = parentOf(path);
    if (last.index >= 0) {
      ((ArrayNode) last.parent).set(last.index, node);
    } else {
      ((ObjectNode) last.parent).set(last.key, node);
    }
    return this;
  }

  PipelineYaml remove(String path) {
    Step last = parentOf(path);
    if (last.index >= 0) {
      ((ArrayNode) last.parent).remove(last.index);
    } else {
      ((ObjectNode) last.parent).remove(last.key);
    }
    return this;
  }

  /** Renames the key at {@code path}, keeping its place in the mapping. */
  PipelineYaml rename(String path, String newKey) {
    Step last = parentOf(path);
    ObjectNode parent = (ObjectNode) last.parent;
    ObjectNode renamed = JsonNodeFactory.instance.objectNode();
    for (Iterator<Map.Entry<String, JsonNode>> it = parent.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> field = it.next();
      renamed.set(field.getKey().equals(last.key) ? newKey : field.getKey(), field.getValue());
    }
    parent.removeAll();
    parent.setAll(renamed);
    return this;
  }

  /** Appends a copy of the list element at {@code path} with one key changed per pair. */
  PipelineYaml copyElement(String path, String... keyValuePairs) {
    Step last = parentOf(path);
    ObjectNode copy = ((ObjectNode) last.parent.get(last.index)).deepCopy();
    for (int i = 0; i < keyValuePairs.length; i += 2) {
      copy.set(keyValuePairs[i], YAML.valueToTree(keyValuePairs[i + 1]));
    }
    ((ArrayNode) last.parent).add(copy);
    return this;
  }

  /** The tree as it stands, for checks that walk it. */
  ObjectNode tree() {
    return tree.deepCopy();
  }

  String text() {
    try {
      return YAML.writeValueAsString(tree);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  Pipeline load() {
    return load(Map.of());
  }

  Pipeline load(Map<String, String> env) {
    return PipelineLoader.parse(text(), ORIGIN, env);
  }

  List<String> errors() {
    return errors(text());
  }

  static List<String> errors(String yaml) {
    return assertThatExceptionOfType(PipelineConfigException.class)
        .isThrownBy(() -> PipelineLoader.parse(yaml, ORIGIN, Map.of()))
        .actual()
        .errors();
  }

  private Step parentOf(String path) {
    String[] keys = path.split("\\.");
    JsonNode node = tree;
    for (int i = 0; i < keys.length - 1; i++) {
      node = child(node, keys[i]);
    }
    String lastKey = keys[keys.length - 1];
    int bracket = lastKey.indexOf('[');
    if (bracket < 0) {
      return new Step(node, lastKey, -1);
    }
    JsonNode list = node.get(lastKey.substring(0, bracket));
    return new Step(list, null, indexIn(lastKey));
  }

  private static JsonNode child(JsonNode node, String key) {
    int bracket = key.indexOf('[');
    return bracket < 0 ? node.get(key) : node.get(key.substring(0, bracket)).get(indexIn(key));
  }

  private static int indexIn(String key) {
    return Integer.parseInt(key.substring(key.indexOf('[') + 1, key.indexOf(']')));
  }

  private record Step(JsonNode parent, String key, int index) {}
}
