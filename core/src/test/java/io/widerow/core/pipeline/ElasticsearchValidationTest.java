package io.widerow.core.pipeline;

import static io.widerow.core.pipeline.PipelineYaml.demo;
import static org.assertj.core.api.Assertions.assertThat;

import io.widerow.core.pipeline.FieldSpec.NestedField;
import io.widerow.core.pipeline.FieldSpec.ValueField;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ElasticsearchValidationTest {

  private static final String ITEM_COLUMNS =
      "(columns: item_id, order_id, sku, title, quantity, price, version)";

  @Test
  void hostsAreHttpUrls() {
    assertThat(
            demo()
                .set("elasticsearch.hosts", List.of("https://es.example:9243"))
                .load()
                .elasticsearch()
                .hosts())
        .extracting(Object::toString)
        .containsExactly("https://es.example:9243");
    assertThat(demo().set("elasticsearch.hosts", List.of("http://es:9200", "es:9200")).errors())
        .containsExactly(
            "elasticsearch.hosts[1]: 'es:9200' is not valid; expected an http:// or https:// URL"
                + " with a host, as in http://127.0.0.1:9200");
  }

  @Test
  void indexNameIsLowercase() {
    assertThat(demo().set("elasticsearch.index", "orders_v2").load().elasticsearch().index())
        .isEqualTo("orders_v2");
    assertThat(demo().set("elasticsearch.index", "Orders").errors())
        .containsExactly(
            "elasticsearch.index: 'Orders' is not valid; expected a lowercase index name matching"
                + " [a-z0-9][a-z0-9_-]*, at most 200 characters");
  }

  @Test
  void shardsAndReplicasDefaultToElasticsearchDefaults() {
    ElasticsearchSpec es =
        demo()
            .remove("elasticsearch.shards")
            .remove("elasticsearch.replicas")
            .load()
            .elasticsearch();
    assertThat(es.shards()).isEqualTo(1);
    assertThat(es.replicas()).isEqualTo(1);
    assertThat(demo().set("elasticsearch.shards", 0).errors())
        .containsExactly("elasticsearch.shards: '0' is not valid; expected an integer in 1..1024");
    assertThat(demo().set("elasticsearch.replicas", -1).errors())
        .containsExactly("elasticsearch.replicas: '-1' is not valid; expected an integer >= 0");
  }

  @Test
  void refreshIntervalDefaultsToHalfASecondAndIsBounded() {
    assertThat(demo().remove("elasticsearch.refreshIntervalMs").load().elasticsearch())
        .extracting(ElasticsearchSpec::refreshIntervalMs)
        .isEqualTo(500);
    assertThat(demo().set("elasticsearch.refreshIntervalMs", 2000).load().elasticsearch())
        .extracting(ElasticsearchSpec::refreshIntervalMs)
        .isEqualTo(2000);
    assertThat(demo().set("elasticsearch.refreshIntervalMs", 50).errors())
        .containsExactly(
            "elasticsearch.refreshIntervalMs: '50' is not valid; expected an integer in"
                + " 100..3600000");
  }

  @Test
  void unknownFieldTypeNamesAllowedTypes() {
    assertThat(demo().set("elasticsearch.fields.status.type", "string").errors())
        .containsExactly(
            "elasticsearch.fields.status.type: 'string' is not valid; expected one of: keyword,"
                + " text, long, integer, double, scaled_float, date, boolean, object, flattened");
  }

  @Test
  void fieldNamesAreElasticsearchFieldNames() {
    assertThat(demo().rename("elasticsearch.fields.status", "_status").errors())
        .containsExactly(
            "elasticsearch.fields._status: '_status' is not valid; expected a field name matching"
                + " [A-Za-z0-9][A-Za-z0-9_-]* (no leading '_', no dots)");
    assertThat(demo().rename("elasticsearch.fields.items.fields.sku", "item.sku").errors())
        .containsExactly(
            "elasticsearch.fields.items.fields.item.sku: 'item.sku' is not valid; expected a field"
                + " name matching [A-Za-z0-9][A-Za-z0-9_-]* (no leading '_', no dots)");
  }

  @Test
  void rowkeyFieldNameIsReserved() {
    assertThat(demo().rename("elasticsearch.fields.order_id", "rowkey").errors())
        .containsExactly(
            "elasticsearch.fields.rowkey: 'rowkey' is not valid; expected another name; every"
                + " document already has a 'rowkey' field");
  }

  @Test
  void deletedMarkerFieldNameIsReserved() {
    assertThat(demo().rename("elasticsearch.fields.order_id", "widerow_deleted").errors())
        .containsExactly(
            "elasticsearch.fields.widerow_deleted: 'widerow_deleted' is not valid; expected another"
                + " name; 'widerow_deleted' marks deleted entities in the index");
  }

  @Test
  void fromNamesADeclaredTableAndColumn() {
    assertThat(demo().set("elasticsearch.fields.status.from", "orderz.status").errors())
        .containsExactly(
            "elasticsearch.fields.status.from: table 'orderz' is not declared (tables: orders,"
                + " order_payment, order_fulfillment, order_refund, order_item)");
    assertThat(demo().set("elasticsearch.fields.status.from", "status").errors())
        .containsExactly(
            "elasticsearch.fields.status.from: 'status' is not valid; expected table.column, as in"
                + " orders.status");
  }

  @Test
  void fromColumnMustBeKeptWhenColumnsAreListed() {
    assertThat(
            demo()
                .set("elasticsearch.fields.status.from", "orders.any_column")
                .load()
                .elasticsearch()
                .fields())
        .contains(new ValueField("status", "orders", "any_column", FieldType.KEYWORD));
    assertThat(demo().set("elasticsearch.fields.item_skus.from", "order_item.qty").errors())
        .containsExactly(
            "elasticsearch.fields.item_skus.from: column 'qty' is not kept by table 'order_item' "
                + ITEM_COLUMNS);
  }

  @Test
  void nestedFieldColumnMustBeKept() {
    PipelineYaml yaml =
        demo()
            .set("elasticsearch.fields.items.fields.qty", Map.of("from", "qty", "type", "integer"));
    assertThat(yaml.errors())
        .containsExactly(
            "elasticsearch.fields.items.fields.qty.from: column 'qty' is not kept by table"
                + " 'order_item' "
                + ITEM_COLUMNS);
  }

  @Test
  void nestedFieldColumnIsWrittenWithoutTheTable() {
    assertThat(demo().set("elasticsearch.fields.items.fields.sku.from", "order_item.sku").errors())
        .containsExactly(
            "elasticsearch.fields.items.fields.sku.from: 'order_item.sku' is not valid; expected a"
                + " column of table 'order_item' without the table name: 'sku'");
  }

  @Test
  void nestedOnlyForAManyTable() {
    PipelineYaml refunds =
        demo()
            .set(
                "elasticsearch.fields.refunds",
                Map.of(
                    "nested",
                    "order_refund",
                    "fields",
                    Map.of("reason", Map.of("from", "reason", "type", "text"))));
    assertThat(refunds.load().elasticsearch().fields())
        .contains(
            new NestedField(
                "refunds",
                "order_refund",
                List.of(new ValueField("reason", "order_refund", "reason", FieldType.TEXT))));
    assertThat(demo().set("elasticsearch.fields.items.nested", "order_payment").errors())
        .containsExactly(
            "elasticsearch.fields.items.nested: table 'order_payment' has cardinality one;"
                + " expected a table with cardinality many (one nested object per child row)");
  }

  @Test
  void fieldIsEitherAValueOrNested() {
    assertThat(demo().set("elasticsearch.fields.items.from", "order_item.sku").errors())
        .containsExactly(
            "elasticsearch.fields.items.from: unknown key; expected one of: nested, fields");
    assertThat(demo().set("elasticsearch.fields.status", Map.of("type", "keyword")).errors())
        .containsExactly(
            "elasticsearch.fields.status.from: missing; expected table.column, as in orders.status"
                + " (or name this field in another field's copyTo: no field copies to it)");
  }

  @Test
  void valueFieldFromAManyTableBecomesAnArrayField() {
    assertThat(demo().load().elasticsearch().fields())
        .contains(new ValueField("item_skus", "order_item", "sku", FieldType.KEYWORD));
  }
}
