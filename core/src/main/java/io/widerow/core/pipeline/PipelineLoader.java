package io.widerow.core.pipeline;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.error.MarkedYAMLException;

/**
 * Loads a pipeline file: parses the YAML, replaces {@code ${NAME:-default}} from the environment,
 * then validates everything and reports every problem at once in a {@link PipelineConfigException}.
 * docs/configuration.md, generated from {@link PipelineKeys}, documents every key.
 */
public final class PipelineLoader {

  // A duplicate key is an error: YAML would otherwise silently keep the last one.
  private static final YAMLMapper YAML =
      YAMLMapper.builder().enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY).build();

  private static final Pattern DUPLICATE_KEY = Pattern.compile("Duplicate field '(.*)'");

  private PipelineLoader() {}

  /** Loads {@code file}, taking placeholders from the process environment. */
  public static Pipeline load(Path file) {
    String yaml;
    try {
      yaml = Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new PipelineConfigException(
          file.toString(), List.of("cannot read the file: " + e.getClass().getSimpleName()));
    }
    return parse(yaml, file.toString(), System.getenv());
  }

  /**
   * Parses a pipeline file's text.
   *
   * @param origin what errors call the file, usually its path
   * @param env the environment placeholders are resolved from
   */
  public static Pipeline parse(String yaml, String origin, Map<String, String> env) {
    ConfigErrors errors = new ConfigErrors();
    JsonNode tree = Placeholders.resolve(parseTree(yaml, origin), env, errors);
    Optional<Pipeline> pipeline = ConfigMap.root(tree, errors).flatMap(PipelineLoader::read);
    if (!errors.isEmpty() || pipeline.isEmpty()) {
      throw new PipelineConfigException(origin, errors.messages());
    }
    return pipeline.get();
  }

  private static Optional<Pipeline> read(ConfigMap file) {
    file.allowOnlyDefined();
    Optional<String> name = file.text(PipelineKeys.PIPELINE);
    Optional<List<Source>> sources = SourcesSection.read(file);
    TablesSection.Tables tables = TablesSection.read(file);
    Optional<HBaseSpec> hbase = StorageSections.hbase(file);
    Optional<KafkaSpec> kafka = StorageSections.kafka(file, name);
    Optional<ElasticsearchSpec> elasticsearch = ElasticsearchSection.read(file, tables.declared());
    Optional<QuerySpec> query = QuerySection.read(file);
    Optional<DeadLetterSpec> deadLetters = StorageSections.deadLetters(file);
    if (!file.errors().isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(
        new Pipeline(
            name.orElseThrow(),
            sources.orElseThrow(),
            tables.specs().orElseThrow(),
            hbase.orElseThrow(),
            kafka.orElseThrow(),
            elasticsearch.orElseThrow(),
            query,
            deadLetters.orElseThrow()));
  }

  // Syntax errors stop at the first: the parser cannot say what the rest of the file means.
  private static JsonNode parseTree(String yaml, String origin) {
    try {
      JsonNode tree = YAML.readTree(yaml);
      if (tree == null || tree.isMissingNode() || tree.isNull()) {
        throw new PipelineConfigException(
            origin, List.of("the file is empty; expected " + ConfigMap.fileExpected()));
      }
      return tree;
    } catch (JsonProcessingException e) {
      throw new PipelineConfigException(origin, List.of(syntaxError(yaml, e)));
    }
  }

  private static String syntaxError(String yaml, JsonProcessingException e) {
    JsonLocation location = e.getLocation();
    String line = location == null ? "line ?" : "line " + location.getLineNr();
    Matcher duplicate = DUPLICATE_KEY.matcher(e.getOriginalMessage());
    if (duplicate.find()) {
      String key = duplicate.group(1);
      return keyLine(yaml, key, location)
          + ": key '"
          + key
          + "' appears twice; expected each key once";
    }
    String where = location == null ? "" : line + ", column " + location.getColumnNr() + ": ";
    return where + "not valid YAML: " + problem(e) + placeholderHint(yaml, location);
  }

  // Jackson notices a duplicate key only once into its value: look back for the key itself.
  private static String keyLine(String yaml, String key, JsonLocation location) {
    if (location == null) {
      return "line ?";
    }
    Pattern keyAtLineStart =
        Pattern.compile("\\s*(- )?['\"]?" + Pattern.quote(key) + "['\"]?\\s*:.*");
    List<String> lines = yaml.lines().toList();
    for (int nr = Math.min(location.getLineNr(), lines.size()); nr >= 1; nr--) {
      if (keyAtLineStart.matcher(lines.get(nr - 1)).matches()) {
        return "line " + nr;
      }
    }
    return "near line " + location.getLineNr();
  }

  private static String problem(JsonProcessingException e) {
    if (e.getCause() instanceof MarkedYAMLException marked) {
      return marked.getContext() == null
          ? marked.getProblem()
          : marked.getContext() + ": " + marked.getProblem();
    }
    return e.getOriginalMessage().lines().findFirst().orElse("").strip();
  }

  private static String placeholderHint(String yaml, JsonLocation location) {
    String text = location == null ? "" : lineAt(yaml, location.getLineNr());
    // YAML reads '{' inside [ ] or { } as structure, so a placeholder there must be quoted.
    return text.contains("${")
        ? "; a ${...} placeholder inside [ ] or { } must be quoted, as in ['${NAME:-default}']"
        : "";
  }

  private static String lineAt(String yaml, int lineNr) {
    return yaml.lines().skip(Math.max(0, lineNr - 1)).findFirst().orElse("");
  }
}
