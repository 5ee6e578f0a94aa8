package io.widerow.indexer.elasticsearch;

import io.widerow.core.index.IndexLayout;
import io.widerow.core.pipeline.Analysis;
import io.widerow.core.pipeline.ElasticsearchSpec;
import io.widerow.core.pipeline.FieldSpec;
import io.widerow.core.pipeline.FieldSpec.NestedField;
import io.widerow.core.pipeline.FieldSpec.ValueField;
import io.widerow.core.pipeline.FieldType;
import io.widerow.core.pipeline.MappingOptions;
import io.widerow.core.pipeline.MappingOptions.SubField;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The index definition generated from the pipeline file, as plain JSON-ready maps: settings, a
 * strict mapping, and the alias that hides tombstone documents. Pure, so that it can be tested
 * without a server.
 */
public final class IndexMapping {

  /** Epoch ms is what the document builder writes; ISO strings stay valid for hand-made queries. */
  static final String DATE_FORMAT = "strict_date_optional_time||epoch_millis";

  private IndexMapping() {}

  /** The body of the create-index request for the first physical index. */
  public static Map<String, Object> createIndexBody(ElasticsearchSpec spec) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("settings", settings(spec));
    body.put("mappings", mappings(spec));
    body.put("aliases", Map.of(IndexLayout.alias(spec), alias()));
    return body;
  }

  static Map<String, Object> settings(ElasticsearchSpec spec) {
    Map<String, Object> index = new LinkedHashMap<>();
    index.put("number_of_shards", spec.shards());
    index.put("number_of_replicas", spec.replicas());
    index.put("refresh_interval", refreshInterval(spec));
    if (!spec.analysis().isEmpty()) {
      index.put("analysis", analysis(spec.analysis()));
    }
    return Map.of("index", index);
  }

  /** Custom analyzers and normalizers; applied when the index is created. */
  static Map<String, Object> analysis(Analysis analysis) {
    Map<String, Object> analyzers = new LinkedHashMap<>();
    analysis
        .analyzers()
        .forEach(
            (name, a) ->
                analyzers.put(
                    name,
                    Map.of("type", "custom", "tokenizer", a.tokenizer(), "filter", a.filters())));
    Map<String, Object> normalizers = new LinkedHashMap<>();
    analysis
        .normalizers()
        .forEach(
            (name, filters) -> normalizers.put(name, Map.of("type", "custom", "filter", filters)));
    Map<String, Object> body = new LinkedHashMap<>();
    if (!analyzers.isEmpty()) {
      body.put("analyzer", analyzers);
    }
    if (!normalizers.isEmpty()) {
      body.put("normalizer", normalizers);
    }
    return body;
  }

  /** The settings the pipeline file may change on an existing index. */
  public static Map<String, Object> dynamicSettings(ElasticsearchSpec spec) {
    return Map.of("index", Map.of("refresh_interval", refreshInterval(spec)));
  }

  private static String refreshInterval(ElasticsearchSpec spec) {
    return spec.refreshIntervalMs() + "ms";
  }

  /** {@code dynamic: strict}: a field the pipeline file does not name is a record error. */
  public static Map<String, Object> mappings(ElasticsearchSpec spec) {
    Map<String, Object> properties = new LinkedHashMap<>();
    properties.put(IndexLayout.ROWKEY_FIELD, Map.of("type", "keyword"));
    properties.put(IndexLayout.DELETED_FIELD, Map.of("type", "boolean"));
    for (FieldSpec field : spec.fields()) {
      properties.put(field.name(), property(field));
    }
    Map<String, Object> mappings = new LinkedHashMap<>();
    mappings.put("dynamic", "strict");
    mappings.put("properties", properties);
    return mappings;
  }

  /** Readers and writers use the alias; readers never see a tombstone through it. */
  public static Map<String, Object> alias() {
    Map<String, Object> alias = new LinkedHashMap<>();
    alias.put("is_write_index", true);
    alias.put(
        "filter",
        Map.of(
            "bool",
            Map.of("must_not", List.of(Map.of("term", Map.of(IndexLayout.DELETED_FIELD, true))))));
    return alias;
  }

  /** What a deleted entity's document holds: enough to find it, and the mark that hides it. */
  public static Map<String, Object> tombstone(String rowkey) {
    Map<String, Object> document = new LinkedHashMap<>();
    document.put(IndexLayout.ROWKEY_FIELD, rowkey);
    document.put(IndexLayout.DELETED_FIELD, true);
    return document;
  }

  private static Map<String, Object> property(FieldSpec field) {
    if (field instanceof NestedField nested) {
      Map<String, Object> properties = new LinkedHashMap<>();
      for (ValueField sub : nested.fields()) {
        properties.put(sub.name(), valueProperty(sub.type(), sub.options()));
      }
      // include_in_parent also indexes the children's values flat in the parent document, so a
      // query_string such as items.sku:X (the only query the search API takes) reaches them;
      // nested queries for "same child" conditions keep working on the nested copy.
      return Map.of("type", "nested", "include_in_parent", true, "properties", properties);
    }
    return valueProperty(field.type(), field.options());
  }

  /** A field's mapping: its type and each option the pipeline file sets, as ES names them. */
  static Map<String, Object> valueProperty(FieldType type, MappingOptions options) {
    Map<String, Object> property = new LinkedHashMap<>();
    property.put("type", type.mappingType());
    if (type == FieldType.OBJECT) {
      // The JSON's keys are the user's, not the pipeline file's: map them as they come, under
      // the strict root (a type conflict between documents is a bulk item error, a dead letter).
      property.put("dynamic", true);
      return property;
    }
    if (type == FieldType.DATE) {
      property.put("format", dateFormat(options));
    }
    options.scalingFactor().ifPresent(f -> property.put("scaling_factor", f));
    options.analyzer().ifPresent(a -> property.put("analyzer", a));
    options.normalizer().ifPresent(n -> property.put("normalizer", n));
    if (!options.index()) {
      property.put("index", false);
    }
    if (!options.docValues()) {
      property.put("doc_values", false);
    }
    options.nullValue().ifPresent(v -> property.put("null_value", typed(type, v)));
    if (!options.copyTo().isEmpty()) {
      property.put("copy_to", options.copyTo());
    }
    if (!options.subfields().isEmpty()) {
      Map<String, Object> fields = new LinkedHashMap<>();
      options.subfields().forEach((name, sub) -> fields.put(name, subProperty(sub)));
      property.put("fields", fields);
    }
    return property;
  }

  private static Map<String, Object> subProperty(SubField sub) {
    Map<String, Object> property = new LinkedHashMap<>();
    property.put("type", sub.type().mappingType());
    sub.analyzer().ifPresent(a -> property.put("analyzer", a));
    sub.normalizer().ifPresent(n -> property.put("normalizer", n));
    return property;
  }

  private static String dateFormat(MappingOptions options) {
    String format = options.format().orElse(DATE_FORMAT);
    return format.contains("epoch_millis") ? format : format + "||epoch_millis";
  }

  /** A null_value as the type holds it (the pipeline loader checked that it fits). */
  private static Object typed(FieldType type, String value) {
    String v = value.strip();
    return switch (type) {
      case LONG -> Long.parseLong(v);
      case INTEGER -> Integer.parseInt(v);
      case DOUBLE, SCALED_FLOAT -> new BigDecimal(v);
      case BOOLEAN -> Boolean.parseBoolean(v);
      default -> value;
    };
  }
}
