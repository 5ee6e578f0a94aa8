package io.widerow.indexer.elasticsearch;

import io.widerow.core.index.IndexLayout;
import io.widerow.core.pipeline.ElasticsearchSpec;
import io.widerow.core.pipeline.FieldSpec;
import io.widerow.core.pipeline.FieldSpec.NestedField;
import io.widerow.core.pipeline.FieldSpec.ValueField;
import io.widerow.core.pipeline.FieldType;
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
    return Map.of(
        "index",
        Map.of(
            "number_of_shards",
            spec.shards(),
            "number_of_replicas",
            spec.replicas(),
            "refresh_interval",
            refreshInterval(spec)));
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
        properties.put(sub.name(), valueProperty(sub.type()));
      }
      // include_in_parent also indexes the children's values flat in the parent document, so a
      // query_string such as items.sku:X (the only query the search API takes) reaches them;
      // nested queries for "same child" conditions keep working on the nested copy.
      return Map.of("type", "nested", "include_in_parent", true, "properties", properties);
    }
    return valueProperty(((ValueField) field).type());
  }

  private static Map<String, Object> valueProperty(FieldType type) {
    if (type == FieldType.DATE) {
      return Map.of("type", type.mappingType(), "format", DATE_FORMAT);
    }
    return Map.of("type", type.mappingType());
  }
}
