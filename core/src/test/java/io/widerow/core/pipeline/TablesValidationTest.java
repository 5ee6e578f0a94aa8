package io.widerow.core.pipeline;

import static io.widerow.core.pipeline.PipelineYaml.demo;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TablesValidationTest {

  private static final String ITEM_COLUMNS =
      "(columns: item_id, order_id, sku, title, quantity, price, version)";

  @Test
  void unknownCardinalityNamesKeyAndAllowedValues() {
    assertThat(
            demo()
                .set("tables.order_payment.cardinality", "many")
                .load()
                .table("order_payment")
                .cardinality())
        .isEqualTo(TableSpec.Cardinality.MANY);
    assertThat(demo().set("tables.order_item.cardinality", "several").errors())
        .containsExactly(
            "tables.order_item.cardinality: 'several' is not valid; expected one of: one, many");
  }

  @Test
  void physicalMustCompileAsRegex() {
    assertThat(demo().set("tables.orders.physical", "shop_(\\d+").errors())
        .containsExactly(
            "tables.orders.physical: 'shop_(\\d+' is not valid; expected a regular expression"
                + " over database.table, as in 'shop_\\d+\\.orders_\\d+' (Unclosed group)");
  }

  @Test
  void onePhysicalPatternFeedsOneTable() {
    assertThat(demo().set("tables.order_refund.physical", "shop_\\d+\\.order_item_\\d+").errors())
        .containsExactly(
            "tables.order_item.physical: 'shop_\\d+\\.order_item_\\d+' is already the pattern of"
                + " tables.order_refund.physical; expected each physical table to feed one logical"
                + " table");
  }

  @Test
  void tableNameIsAnIdentifier() {
    assertThat(demo().rename("tables.order_refund", "order-refund").errors())
        .containsExactly(
            "tables.order-refund: 'order-refund' is not valid; expected a table name matching"
                + " [A-Za-z_][A-Za-z0-9_]*",
            "elasticsearch.fields.refund_reasons.from: table 'order_refund' is not declared"
                + " (tables: orders, order_payment, order_fulfillment, order-refund, order_item)");
  }

  @Test
  void keyColumnMustBeKeptWhenColumnsAreListed() {
    assertThat(
            demo()
                .set("tables.order_payment.key", "customer_ref")
                .load()
                .table("order_payment")
                .keyColumn())
        .isEqualTo("customer_ref");
    assertThat(demo().set("tables.order_item.key", "customer_ref").errors())
        .containsExactly(
            "tables.order_item.key: column 'customer_ref' is not kept by table 'order_item' "
                + ITEM_COLUMNS);
  }

  @Test
  void primaryKeyColumnsMustBeKeptDistinctAndPresent() {
    assertThat(demo().set("tables.order_item.primaryKey", List.of("order_id", "line_no")).errors())
        .containsExactly(
            "tables.order_item.primaryKey[1]: column 'line_no' is not kept by table 'order_item' "
                + ITEM_COLUMNS);
    assertThat(demo().set("tables.order_item.primaryKey", List.of("item_id", "item_id")).errors())
        .containsExactly(
            "tables.order_item.primaryKey[1]: 'item_id' is listed twice; expected distinct values");
    assertThat(demo().remove("tables.order_item.primaryKey").errors())
        .containsExactly(
            "tables.order_item.primaryKey: missing; expected a non-empty list of column names");
  }

  @Test
  void versionColumnMustBeKeptWhenColumnsAreListed() {
    assertThat(demo().set("tables.order_item.version", Map.of("column", "updated_ms")).errors())
        .containsExactly(
            "tables.order_item.version.column: column 'updated_ms' is not kept by table"
                + " 'order_item' "
                + ITEM_COLUMNS);
  }

  @Test
  void versionIsAColumnOrTheBinlogPosition() {
    assertThat(
            demo()
                .set("tables.order_item.version", Map.of("binlog", true))
                .load()
                .table("order_item")
                .version())
        .isEqualTo(new VersionSource.BinlogPosition());
    assertThat(demo().set("tables.order_item.version", Map.of("binlog", false)).errors())
        .containsExactly(
            "tables.order_item.version.binlog: 'false' is not valid; expected true, or {column:"
                + " NAME} instead");
    assertThat(
            demo()
                .set("tables.order_item.version", Map.of("column", "version", "binlog", true))
                .errors())
        .containsExactly(
            "tables.order_item.version: has both column and binlog; expected exactly one of"
                + " {column: NAME} or {binlog: true}");
    assertThat(demo().set("tables.order_item.version", "version").errors())
        .containsExactly(
            "tables.order_item.version: 'version' is not valid; expected {column: NAME} or"
                + " {binlog: true}");
    assertThat(demo().set("tables.order_item.version", Map.of("colum", "version")).errors())
        .containsExactly(
            "tables.order_item.version.colum: unknown key; did you mean 'column'? expected one"
                + " of: column, binlog",
            "tables.order_item.version: has neither column nor binlog; expected exactly one of"
                + " {column: NAME} or {binlog: true}");
  }

  @Test
  void exactlyOneTableIsRoot() {
    assertThat(demo().remove("tables.orders.root").errors())
        .containsExactly("tables: no table has 'root: true'; expected exactly one root table");
    assertThat(demo().set("tables.order_payment.root", true).errors())
        .containsExactly(
            "tables: tables orders, order_payment all have 'root: true'; expected exactly one root"
                + " table");
    assertThat(demo().set("tables.orders.root", "yes").errors())
        .containsExactly("tables.orders.root: 'yes' is not valid; expected true or false");
  }

  @Test
  void rootTableHasCardinalityOne() {
    assertThat(demo().set("tables.orders.cardinality", "many").errors())
        .containsExactly(
            "tables.orders.cardinality: 'many' is not valid for the root table; expected one");
  }

  @Test
  void misspeltTableKeyIsReportedWithASuggestion() {
    assertThat(demo().rename("tables.order_item.primaryKey", "primary_key").errors())
        .containsExactly(
            "tables.order_item.primary_key: unknown key; did you mean 'primaryKey'? expected one"
                + " of: physical, key, primaryKey, cardinality, root, version, columns",
            "tables.order_item.primaryKey: missing; expected a non-empty list of column names");
  }
}
