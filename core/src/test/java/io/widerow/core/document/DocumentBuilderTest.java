package io.widerow.core.document;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.widerow.core.document.BuildOutcome.Ready;
import io.widerow.core.document.BuildOutcome.Rejected;
import io.widerow.core.document.IndexAction.Delete;
import io.widerow.core.document.IndexAction.Upsert;
import io.widerow.core.pipeline.FieldType;
import io.widerow.core.row.SourceRow;
import io.widerow.core.row.WideRow;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DocumentBuilderTest {

  private static final String ROWKEY = "0a:1001";

  private final DocumentBuilder builder =
      new DocumentBuilder(TestPipelines.orders(), DocumentBuilderTest::decode);

  @Test
  void oneTableValuesBecomeFieldsConvertedToTheirMappingType() {
    Upsert doc =
        upsert(
            row(
                7,
                live(
                    "orders",
                    null,
                    cols(
                        "order_id",
                        1001L,
                        "user_id",
                        "42",
                        "total",
                        "19.90",
                        "created_at",
                        1_700_000_000_000L)),
                live("order_payment", null, cols("paid", 1L, "method", "card"))));

    assertThat(doc.id()).isEqualTo("1001");
    assertThat(doc.rowkey()).isEqualTo(ROWKEY);
    assertThat(doc.version()).isEqualTo(7);
    assertThat(doc.document())
        .containsExactly(
            Map.entry("rowkey", ROWKEY),
            Map.entry("order_id", "1001"),
            Map.entry("user_id", 42L),
            Map.entry("total", 19.90),
            Map.entry("created_at", 1_700_000_000_000L),
            Map.entry("paid", true),
            Map.entry("payment_method", "card"));
  }

  @Test
  void isoTimestampStringBecomesEpochMillis() {
    Upsert doc = upsert(row(1, live("orders", null, cols("created_at", "2023-11-14T22:13:20Z"))));

    assertThat(doc.document()).containsEntry("created_at", 1_700_000_000_000L);
  }

  @Test
  void nullValuesAndAbsentOneTablesLeaveTheFieldOut() {
    Upsert doc = upsert(row(1, live("orders", null, cols("order_id", "1001", "user_id", null))));

    assertThat(doc.document()).containsOnlyKeys("rowkey", "order_id");
  }

  @Test
  void manyTableValuesBecomeAnArrayInChildKeyOrderWithoutNullsOrDeletedChildren() {
    Upsert doc =
        upsert(
            row(
                3,
                live("orders", null, cols("order_id", "1001")),
                live("order_item", "10", cols("sku", "C", "quantity", 1L, "price", "3.00")),
                live("order_item", "9", cols("sku", "B", "quantity", "2", "price", 2.5)),
                live("order_item", "2", cols("sku", null, "quantity", 5L)),
                SourceRow.tombstone("order_item", "1", 4),
                live("order_refund", "1", cols("reason", "late"))));

    assertThat(doc.document().get("item_skus")).isEqualTo(List.of("B", "C"));
    assertThat(doc.document().get("refund_reasons")).isEqualTo(List.of("late"));
  }

  @Test
  void nestedFieldBecomesOneObjectPerLiveChildInChildKeyOrder() {
    Upsert doc =
        upsert(
            row(
                3,
                live("orders", null, cols("order_id", "1001")),
                live("order_item", "10", cols("sku", "C", "quantity", 1L, "price", "3.00")),
                live("order_item", "9", cols("sku", "B", "quantity", "2", "price", 2.5))));

    assertThat(doc.document().get("items"))
        .isEqualTo(
            List.of(
                Map.of("sku", "B", "quantity", 2, "price", 2.5),
                Map.of("sku", "C", "quantity", 1, "price", 3.0)));
  }

  @Test
  void manyTableWithoutLiveChildrenLeavesTheFieldOut() {
    Upsert doc =
        upsert(
            row(
                2,
                live("orders", null, cols("order_id", "1001")),
                SourceRow.tombstone("order_item", "1", 2)));

    assertThat(doc.document()).doesNotContainKeys("item_skus", "items");
  }

  @Test
  void rootTombstoneDeletesTheDocument() {
    BuildOutcome outcome =
        builder.build(
            row(
                9,
                SourceRow.tombstone("orders", null, 5),
                live("order_payment", null, cols("method", "card"))));

    assertThat(outcome).isEqualTo(new Ready(new Delete("1001", ROWKEY, 9)));
  }

  @Test
  void missingRootRowDeletesTheDocument() {
    BuildOutcome outcome =
        builder.build(row(4, live("order_payment", null, cols("method", "card"))));

    assertThat(outcome).isEqualTo(new Ready(new Delete("1001", ROWKEY, 4)));
  }

  @Test
  void valueTheMappingCannotHoldIsARecordErrorNamingFieldAndColumnButNotTheValue() {
    BuildOutcome outcome =
        builder.build(row(1, live("orders", null, cols("order_id", "1001", "user_id", "abc"))));

    assertThat(outcome).isInstanceOf(Rejected.class);
    Rejected rejected = (Rejected) outcome;
    assertThat(rejected.rowkey()).isEqualTo(ROWKEY);
    assertThat(rejected.reason())
        .contains("user_id", "orders.user_id", "long")
        .doesNotContain("abc");
  }

  @Test
  void badValueInAChildNamesTheChild() {
    BuildOutcome outcome =
        builder.build(
            row(
                1,
                live("orders", null, cols("order_id", "1001")),
                live("order_item", "3", cols("sku", "A", "quantity", "2.5"))));

    assertThat(((Rejected) outcome).reason()).contains("order_item#3.quantity", "integer");
  }

  @Test
  void rowkeyThatDoesNotDecodeIsARecordError() {
    WideRow row = new WideRow("garbage", 1, Map.of());

    assertThat(builder.build(row)).isInstanceOf(Rejected.class);
  }

  @Test
  void fieldNamedLikeAReservedFieldIsRefusedAtConstruction() {
    var pipeline =
        TestPipelines.orders(
            List.of(TestPipelines.value("rowkey", "orders", "order_id", FieldType.KEYWORD)));

    assertThatThrownBy(() -> new DocumentBuilder(pipeline, DocumentBuilderTest::decode))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("elasticsearch.fields.rowkey");
  }

  private Upsert upsert(WideRow row) {
    BuildOutcome outcome = builder.build(row);
    assertThat(outcome).isInstanceOf(Ready.class);
    return (Upsert) ((Ready) outcome).action();
  }

  static String decode(String rowkey) {
    if (!rowkey.startsWith("0a:")) {
      throw new IllegalArgumentException("no salt prefix");
    }
    return rowkey.substring(3);
  }

  private static WideRow row(long version, SourceRow... rows) {
    Map<String, SourceRow> cells = new LinkedHashMap<>();
    for (SourceRow r : rows) {
      cells.put(r.qualifier(), r);
    }
    return new WideRow(ROWKEY, version, cells);
  }

  private static SourceRow live(String table, String childKey, Map<String, Object> columns) {
    return SourceRow.live(table, childKey, 1, columns);
  }

  private static Map<String, Object> cols(Object... keyValues) {
    Map<String, Object> columns = new LinkedHashMap<>();
    for (int i = 0; i < keyValues.length; i += 2) {
      columns.put((String) keyValues[i], keyValues[i + 1]);
    }
    return columns;
  }
}
