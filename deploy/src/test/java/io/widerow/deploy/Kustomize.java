package io.widerow.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Renders a kustomization the way {@code kubectl kustomize} does, for the subset of kustomize our
 * manifests use: resources (files and directories), namespace, labels (metadata only), images,
 * replicas, ConfigMap and Secret generators (files and literals; behavior create, replace or merge)
 * without name hashes. Any other field fails the render, so a manifest can never rely on a feature
 * this renderer silently skips. There is no kubectl or kustomize on these machines.
 */
final class Kustomize {

  static final ObjectMapper YAML = new YAMLMapper();
  private static final Set<String> SUPPORTED =
      Set.of(
          "apiVersion",
          "kind",
          "resources",
          "namespace",
          "labels",
          "configMapGenerator",
          "secretGenerator",
          "generatorOptions",
          "images",
          "replicas");

  private Kustomize() {}

  /** Every object the kustomization in {@code dir} renders, in order. */
  static List<ObjectNode> render(Path dir) throws IOException {
    JsonNode k = YAML.readTree(dir.resolve("kustomization.yaml").toFile());
    for (Iterator<String> it = k.fieldNames(); it.hasNext(); ) {
      String field = it.next();
      if (!SUPPORTED.contains(field)) {
        throw new IllegalArgumentException(dir + ": kustomization field not supported: " + field);
      }
    }
    require(
        k.path("apiVersion").asText().equals("kustomize.config.k8s.io/v1beta1"), dir, "apiVersion");
    require(k.path("kind").asText().equals("Kustomization"), dir, "kind");
    List<ObjectNode> objects = new ArrayList<>();
    for (JsonNode r : k.path("resources")) {
      Path p = dir.resolve(r.asText()).normalize();
      if (Files.isDirectory(p)) {
        objects.addAll(render(p));
      } else {
        objects.addAll(documents(p));
      }
    }
    boolean generated = k.has("configMapGenerator") || k.has("secretGenerator");
    if (generated) {
      require(
          k.path("generatorOptions").path("disableNameSuffixHash").asBoolean(),
          dir,
          "generatorOptions.disableNameSuffixHash: true (this renderer does not hash names)");
    }
    for (JsonNode g : k.path("configMapGenerator")) {
      generate(dir, objects, "ConfigMap", g);
    }
    for (JsonNode g : k.path("secretGenerator")) {
      generate(dir, objects, "Secret", g);
    }
    for (JsonNode pairs : k.path("labels")) {
      require(!pairs.path("includeSelectors").asBoolean(), dir, "labels without includeSelectors");
      require(!pairs.path("includeTemplates").asBoolean(), dir, "labels without includeTemplates");
      for (ObjectNode o : objects) {
        ObjectNode labels = metadata(o).withObjectProperty("labels");
        pairs.path("pairs").fields().forEachRemaining(e -> labels.set(e.getKey(), e.getValue()));
      }
    }
    if (k.has("namespace")) {
      objects.forEach(o -> metadata(o).put("namespace", k.path("namespace").asText()));
    }
    for (JsonNode image : k.path("images")) {
      for (ObjectNode o : objects) {
        for (JsonNode c : o.path("spec").path("template").path("spec").path("containers")) {
          String current = c.path("image").asText();
          String name = current.replaceFirst(":[^:/]+$", "");
          if (name.equals(image.path("name").asText())) {
            String newName = image.path("newName").asText(name);
            String tag =
                image
                    .path("newTag")
                    .asText(
                        current.contains(":")
                            ? current.substring(current.lastIndexOf(':') + 1)
                            : "");
            ((ObjectNode) c).put("image", tag.isEmpty() ? newName : newName + ":" + tag);
          }
        }
      }
    }
    for (JsonNode r : k.path("replicas")) {
      ObjectNode target =
          find(objects, "Deployment", r.path("name").asText())
              .orElseThrow(() -> new IllegalArgumentException(dir + ": replicas for unknown " + r));
      ((ObjectNode) target.path("spec")).put("replicas", r.path("count").asInt());
    }
    return objects;
  }

  static Optional<ObjectNode> find(List<ObjectNode> objects, String kind, String name) {
    return objects.stream()
        .filter(o -> o.path("kind").asText().equals(kind))
        .filter(o -> o.path("metadata").path("name").asText().equals(name))
        .findFirst();
  }

  /** The documents of a multi-document YAML file, each an object. */
  static List<ObjectNode> documents(Path file) throws IOException {
    List<ObjectNode> docs = new ArrayList<>();
    try (var parser = new YAMLFactory().createParser(file.toFile())) {
      for (Iterator<JsonNode> it = YAML.readValues(parser, JsonNode.class); it.hasNext(); ) {
        JsonNode doc = it.next();
        if (doc != null && !doc.isNull() && !doc.isEmpty()) {
          require(doc.isObject(), file, "every document an object");
          docs.add((ObjectNode) doc);
        }
      }
    }
    return docs;
  }

  private static void generate(Path dir, List<ObjectNode> objects, String kind, JsonNode g)
      throws IOException {
    String name = g.path("name").asText();
    String behavior = g.path("behavior").asText("create");
    ObjectNode data = YAML.createObjectNode();
    for (JsonNode f : g.path("files")) {
      String text = Files.readString(dir.resolve(f.asText()), StandardCharsets.UTF_8);
      data.put(Path.of(f.asText()).getFileName().toString(), encode(kind, text));
    }
    for (JsonNode l : g.path("literals")) {
      String[] kv = l.asText().split("=", 2);
      require(kv.length == 2, dir, "literal KEY=VALUE: " + l);
      data.put(kv[0], encode(kind, kv[1]));
    }
    for (Iterator<String> it = g.fieldNames(); it.hasNext(); ) {
      String field = it.next();
      require(
          Set.of("name", "behavior", "files", "literals").contains(field),
          dir,
          "generator field " + field);
    }
    Optional<ObjectNode> existing = find(objects, kind, name);
    switch (behavior) {
      case "create" -> {
        require(existing.isEmpty(), dir, kind + " " + name + " generated twice");
        ObjectNode o = YAML.createObjectNode();
        o.put("apiVersion", "v1").put("kind", kind);
        o.putObject("metadata").put("name", name);
        if (kind.equals("Secret")) {
          o.put("type", "Opaque");
        }
        o.set("data", data);
        objects.add(o);
      }
      case "replace" ->
          existing
              .orElseThrow(
                  () -> new IllegalArgumentException(dir + ": nothing to replace: " + name))
              .set("data", data);
      case "merge" ->
          existing
              .orElseThrow(() -> new IllegalArgumentException(dir + ": nothing to merge: " + name))
              .withObjectProperty("data")
              .setAll(data);
      default -> throw new IllegalArgumentException(dir + ": behavior " + behavior);
    }
  }

  /** A generated value as the object holds it: Secrets base64, ConfigMaps plain. */
  private static String encode(String kind, String value) {
    return kind.equals("Secret")
        ? Base64.getEncoder().encodeToString(value.getBytes(StandardCharsets.UTF_8))
        : value;
  }

  /** The plain values of a ConfigMap's or Secret's data. */
  static Map<String, String> data(ObjectNode object) {
    Map<String, String> values = new java.util.LinkedHashMap<>();
    boolean secret = object.path("kind").asText().equals("Secret");
    object
        .path("data")
        .fields()
        .forEachRemaining(
            e ->
                values.put(
                    e.getKey(),
                    secret
                        ? new String(
                            Base64.getDecoder().decode(e.getValue().asText()),
                            StandardCharsets.UTF_8)
                        : e.getValue().asText()));
    object
        .path("stringData")
        .fields()
        .forEachRemaining(e -> values.put(e.getKey(), e.getValue().asText()));
    return values;
  }

  static ObjectNode metadata(ObjectNode o) {
    return o.withObjectProperty("metadata");
  }

  static ArrayNode containers(ObjectNode deployment) {
    return (ArrayNode) deployment.path("spec").path("template").path("spec").path("containers");
  }

  private static void require(boolean ok, Path where, String what) {
    if (!ok) {
      throw new IllegalArgumentException(where + ": expected " + what);
    }
  }
}
