package io.widerow.indexer.elasticsearch;

import static org.assertj.core.api.Assertions.assertThat;

import io.widerow.core.document.TestPipelines;
import io.widerow.core.pipeline.ElasticsearchSpec;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MappingTest {

  private final ElasticsearchSpec spec = TestPipelines.orders().elasticsearch();

  @Test
  void mappingIsStrictWithRowkeyTombstoneMarkAndEachFieldInFileOrder() {
    Map<String, Object> mappings = IndexMapping.mappings(spec);

    assertThat(mappings).containsEntry("dynamic", "strict");
    assertThat(properties(mappings).keySet())
        .containsExactly(
            "rowkey",
            "widerow_deleted",
            "order_id",
            "user_id",
            "total",
            "created_at",
            "paid",
            "payment_method",
            "refund_reasons",
            "item_skus",
            "items");
  }

  @Test
  void eachFieldHasItsMappingType() {
    Map<String, Object> properties = properties(IndexMapping.mappings(spec));

    assertThat(properties)
        .containsEntry("rowkey", Map.of("type", "keyword"))
        .containsEntry("widerow_deleted", Map.of("type", "boolean"))
        .containsEntry("order_id", Map.of("type", "keyword"))
        .containsEntry("user_id", Map.of("type", "long"))
        .containsEntry("total", Map.of("type", "double"))
        .containsEntry("paid", Map.of("type", "boolean"))
        .containsEntry("refund_reasons", Map.of("type", "text"))
        .containsEntry("item_skus", Map.of("type", "keyword"));
  }

  @Test
  void dateAcceptsEpochMillisAndIsoStrings() {
    assertThat(properties(IndexMapping.mappings(spec)))
        .containsEntry(
            "created_at",
            Map.of("type", "date", "format", "strict_date_optional_time||epoch_millis"));
  }

  @Test
  void nestedFieldBecomesNestedTypeWithItsOwnPropertiesAlsoIndexedInTheParent() {
    assertThat(properties(IndexMapping.mappings(spec)))
        .containsEntry(
            "items",
            Map.of(
                "type",
                "nested",
                "include_in_parent",
                true,
                "properties",
                Map.of(
                    "sku", Map.of("type", "keyword"),
                    "quantity", Map.of("type", "integer"),
                    "price", Map.of("type", "double"))));
  }

  @Test
  void createBodyPutsTheAliasOnTheIndexAsWriteIndexHidingTombstones() {
    Map<String, Object> body = IndexMapping.createIndexBody(spec);

    assertThat(body)
        .containsEntry(
            "settings",
            Map.of(
                "index",
                Map.of(
                    "number_of_shards", 1, "number_of_replicas", 0, "refresh_interval", "500ms")));
    assertThat(body.get("aliases"))
        .isEqualTo(
            Map.of(
                "orders",
                Map.of(
                    "is_write_index",
                    true,
                    "filter",
                    Map.of(
                        "bool",
                        Map.of(
                            "must_not",
                            List.of(Map.of("term", Map.of("widerow_deleted", true))))))));
  }

  @Test
  void tombstoneHoldsOnlyRowkeyAndDeletedMark() {
    assertThat(IndexMapping.tombstone("0a:1"))
        .containsExactly(Map.entry("rowkey", "0a:1"), Map.entry("widerow_deleted", true));
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> properties(Map<String, Object> mappings) {
    return (Map<String, Object>) mappings.get("properties");
  }
}
