package io.widerow.core.document;

import static io.widerow.core.document.TestPipelines.value;
import static org.assertj.core.api.Assertions.assertThat;

import io.widerow.core.document.BuildOutcome.Ready;
import io.widerow.core.document.BuildOutcome.Rejected;
import io.widerow.core.document.IndexAction.Delete;
import io.widerow.core.document.IndexAction.Upsert;
import io.widerow.core.pipeline.Derivation;
import io.widerow.core.pipeline.Derivation.Aggregate;
import io.widerow.core.pipeline.FieldSpec;
import io.widerow.core.pipeline.FieldSpec.CopyField;
import io.widerow.core.pipeline.FieldSpec.DerivedField;
import io.widerow.core.pipeline.FieldSpec.ValueField;
import io.widerow.core.pipeline.FieldType;
import io.widerow.core.pipeline.MappingOptions;
import io.widerow.core.row.InMemoryWideRowStore;
import io.widerow.core.row.RowWrite;
import io.widerow.core.row.SourceRow;
import io.widerow.core.row.WideRow;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Derived fields, defaults, null values and JSON fields, kind by kind. */
class DerivedFieldsTest {

  private static final String ROWKEY = "0a:1001";

  private static final MappingOptions NULL_VALUE =
      new MappingOptions(
          Optional.empty(),
          Map.of(),
          true,
          true,
          Optional.of("NONE"),
          List.of(),
          Optional.empty(),
          Optional.empty(),
          Optional.empty());

  private static final List<FieldSpec> FIELDS =
      List.of(
          derived("item_count", "order_item", count(Optional.empty(), Map.of()), FieldType.LONG),
          derived(
              "sku_count", "order_item", count(Optional.of("sku"), Map.of()), FieldType.INTEGER),
          derived("qty", "order_item", sum("quantity", null, Map.of(), true), FieldType.LONG),
          derived(
              "total", "order_item", sum("quantity", "price", Map.of(), true), FieldType.DOUBLE),
          derived("cheapest", "order_item", extreme(Aggregate.MIN, "price"), FieldType.DOUBLE),
          derived("dearest", "order_item", extreme(Aggregate.MAX, "price"), FieldType.DOUBLE),
          derived(
              "first_sku",
              "order_item",
              ordered(Aggregate.FIRST, "sku", "added"),
              FieldType.KEYWORD),
          derived(
              "last_sku", "order_item", ordered(Aggregate.LAST, "sku", "added"), FieldType.KEYWORD),
          derived(
              "refund_count",
              "order_refund",
              count(Optional.empty(), Map.of("status", List.of("REFUNDED"))),
              FieldType.INTEGER),
          derived(
              "refunded",
              "order_refund",
              sum("amount", null, Map.of("status", List.of("REFUNDED", "PARTIAL")), false),
              FieldType.DOUBLE),
          new ValueField(
              "payment_method",
              "order_payment",
              "method",
              FieldType.KEYWORD,
              Optional.of("NONE"),
              MappingOptions.NONE),
          new ValueField(
              "paid", "order_payment", "amount", FieldType.DOUBLE, Optional.of("0"), NULL_VALUE),
          value("attributes", "orders", "attributes", FieldType.FLATTENED),
          value("attributes_obj", "orders", "attributes", FieldType.OBJECT),
          new CopyField("search_all", FieldType.TEXT, MappingOptions.NONE));

  private final DocumentBuilder builder =
      new DocumentBuilder(TestPipelines.orders(FIELDS), DocumentBuilderTest::decode);

  @Test
  void countsSumsAndExtremesAreComputedInExactDecimals() {
    Map<String, Object> doc =
        document(
            order(null),
            item(1, "SKU-B", 2L, "19.90", 30L),
            item(2, "SKU-A", 1L, "5.05", 10L),
            item(3, null, 3L, "0.10", 20L));
    assertThat(doc)
        .containsEntry("item_count", 3L)
        .containsEntry("sku_count", 2)
        .containsEntry("qty", 6L)
        .containsEntry("total", new BigDecimal("45.15"))
        .containsEntry("cheapest", 0.10)
        .containsEntry("dearest", 19.90)
        .containsEntry("first_sku", "SKU-A")
        .containsEntry("last_sku", "SKU-B")
        .doesNotContainKey("search_all");
    // 0.1 + 0.2 in doubles is 0.30000000000000004; the sum is written with its exact digits.
    assertThat(
            document(order(null), item(1, "S", 1L, "0.10", 1L), item(2, "S", 1L, "0.20", 2L))
                .get("total"))
        .isEqualTo(new BigDecimal("0.30"));
  }

  @Test
  void aWhereFilterCountsOnlyMatchingRows() {
    Map<String, Object> doc =
        document(
            order(null),
            refund("r1", "REFUNDED", "10.00"),
            refund("r2", "PENDING", "3.00"),
            refund("r3", "PARTIAL", "1.50"));
    assertThat(doc)
        .containsEntry("refund_count", 1)
        .containsEntry("refunded", new BigDecimal("11.50"));
  }

  @Test
  void emptySetsHaveDefinedValues() {
    Map<String, Object> doc = document(order(null));
    assertThat(doc)
        .containsEntry("item_count", 0L)
        .containsEntry("sku_count", 0)
        .containsEntry("refund_count", 0)
        .containsEntry("qty", 0L) // empty: zero
        .containsEntry("total", BigDecimal.ZERO)
        .doesNotContainKeys("refunded", "cheapest", "dearest", "first_sku", "last_sku");
  }

  @Test
  void nullValuesAreLeftOutOfSumsExtremesAndOrderings() {
    Map<String, Object> doc =
        document(order(null), item(1, "SKU-A", null, null, null), item(2, "SKU-B", 2L, null, 5L));
    assertThat(doc)
        .containsEntry("item_count", 2L)
        .containsEntry("qty", 2L)
        .containsEntry("total", BigDecimal.ZERO) // no row has both quantity and price
        .containsEntry("first_sku", "SKU-B")
        .doesNotContainKey("cheapest");
  }

  @Test
  void aDeletedChildLeavesEveryDerivedValue() {
    WideRow row =
        row(
            order(null),
            item(1, "SKU-A", 1L, "5.00", 1L),
            SourceRow.tombstone("order_item", "2", 3),
            SourceRow.tombstone("order_refund", "r1", 2));
    assertThat(upsert(row).document())
        .containsEntry("item_count", 1L)
        .containsEntry("total", new BigDecimal("5.00"))
        .containsEntry("refund_count", 0);
  }

  @Test
  void aDeletedRootIsADeleteWhateverTheChildren() {
    WideRow row = row(SourceRow.tombstone("orders", null, 9), item(1, "SKU-A", 1L, "5.00", 1L));
    assertThat(((Ready) builder.build(row)).action()).isInstanceOf(Delete.class);
  }

  @Test
  void aOneTableWithoutItsRowTakesTheDefaultAndANullTakesTheNullValue() {
    assertThat(document(order(null)))
        .containsEntry("payment_method", "NONE")
        .containsEntry("paid", 0.0);
    Map<String, Object> payment = new LinkedHashMap<>();
    payment.put("method", null);
    payment.put("amount", null);
    Map<String, Object> doc =
        document(order(null), SourceRow.live("order_payment", null, 2, payment));
    assertThat(doc).doesNotContainKey("payment_method");
    assertThat(doc).containsKey("paid"); // an explicit null, indexed as the field's null_value
    assertThat(doc.get("paid")).isNull();
  }

  @Test
  void aJsonColumnBecomesAnObject() {
    Map<String, Object> doc = document(order("{\"channel\":\"web\",\"device\":{\"os\":\"ios\"}}"));
    assertThat(doc.get("attributes"))
        .isEqualTo(Map.of("channel", "web", "device", Map.of("os", "ios")));
    assertThat(doc.get("attributes_obj")).isEqualTo(doc.get("attributes"));
  }

  @Test
  void invalidOrConflictingJsonIsARecordErrorWithAReasonButNoValue() {
    assertThat(reason(order("{\"channel\": web}")))
        .isEqualTo(
            "field attributes (from orders.attributes): a String that is not valid JSON cannot be"
                + " indexed as flattened")
        .doesNotContain("web");
    assertThat(reason(order("[1, 2]")))
        .contains("a String that is not a JSON object cannot be indexed as flattened");
    assertThat(reason(order("{\"a\": 1, \"a\": 2}")))
        .contains("a JSON object with a key twice cannot be indexed as flattened");
    String conflict = reason(order("{\"a\": 1, \"a.b\": 2}"));
    assertThat(conflict)
        .startsWith("field attributes_obj (from orders.attributes): ")
        .contains("a value and an object at one path");
    assertThat(reason(order("{\"a\": {\"b\": 1}, \"a.b\": {\"c\": 2}}")))
        .contains("a value and an object at one path");
    assertThat(document(order("{\"a\": {\"b\": 1}, \"a.c\": 2}"))).containsKey("attributes_obj");
  }

  @Test
  void aSumWithAFractionInAnIntegerFieldIsARecordError() {
    DocumentBuilder integral =
        new DocumentBuilder(
            TestPipelines.orders(
                List.of(
                    derived(
                        "qty", "order_item", sum("price", null, Map.of(), false), FieldType.LONG))),
            DocumentBuilderTest::decode);
    Rejected rejected = (Rejected) integral.build(row(order(null), item(1, "S", 1L, "0.50", 1L)));
    assertThat(rejected.reason())
        .isEqualTo("field qty (the sum of price): a number with a fraction cannot be a long");
  }

  /** Cells arrive in any order, late and twice: the newest version of each wins, and so the row. */
  @Test
  void theDocumentDoesNotDependOnTheOrderCellsArriveIn() {
    Random random = new Random(15);
    for (int round = 0; round < 200; round++) {
      List<SourceRow> history = history(random);
      Map<String, Object> expected = null;
      for (int order = 0; order < 5; order++) {
        List<SourceRow> arrival = new ArrayList<>(history);
        Collections.shuffle(arrival, random);
        if (random.nextBoolean()) {
          arrival.add(arrival.get(random.nextInt(arrival.size()))); // a replay
        }
        InMemoryWideRowStore store = new InMemoryWideRowStore();
        for (SourceRow cell : arrival) {
          store.write(List.of(new RowWrite(ROWKEY, cell)));
        }
        store.put(ROWKEY, 1);
        BuildOutcome built = builder.build(store.read(List.of(ROWKEY)).get(0));
        Map<String, Object> document =
            ((Ready) built).action() instanceof Upsert upsert ? upsert.document() : Map.of();
        if (expected == null) {
          expected = document;
        }
        assertThat(document).as("round %d, arrival %s", round, arrival).isEqualTo(expected);
      }
    }
  }

  /** Up to three versions of an order, four items and three refunds, some ending deleted. */
  private static List<SourceRow> history(Random random) {
    List<SourceRow> cells = new ArrayList<>();
    for (long v = 1; v <= 1 + random.nextInt(3); v++) {
      cells.add(
          SourceRow.live(
              "orders", null, v, cols("order_id", 1001L, "attributes", "{\"v\":" + v + "}")));
    }
    for (int item = 1; item <= 4; item++) {
      for (long v = 1; v <= 1 + random.nextInt(3); v++) {
        cells.add(
            random.nextInt(5) == 0
                ? SourceRow.tombstone("order_item", String.valueOf(item), v)
                : at(
                    item(
                        item,
                        "SKU-" + random.nextInt(3),
                        (long) random.nextInt(4),
                        random.nextInt(5000) / 100.0 + "",
                        (long) random.nextInt(3)),
                    v));
      }
    }
    for (int refund = 1; refund <= 3; refund++) {
      long v = 1 + random.nextInt(2);
      cells.add(at(refund("r" + refund, random.nextBoolean() ? "REFUNDED" : "PENDING", "1.25"), v));
    }
    return cells;
  }

  // ---- helpers

  private static SourceRow at(SourceRow row, long version) {
    return SourceRow.live(row.table(), row.childKey(), version, row.columns());
  }

  private static DerivedField derived(String name, String table, Derivation d, FieldType type) {
    return new DerivedField(name, table, d, type, MappingOptions.NONE);
  }

  private static Derivation count(Optional<String> column, Map<String, List<String>> where) {
    return new Derivation(
        Aggregate.COUNT, column, Optional.empty(), Optional.empty(), where, false);
  }

  private static Derivation sum(
      String column, String times, Map<String, List<String>> where, boolean zero) {
    return new Derivation(
        Aggregate.SUM,
        Optional.of(column),
        Optional.ofNullable(times),
        Optional.empty(),
        where,
        zero);
  }

  private static Derivation extreme(Aggregate aggregate, String column) {
    return new Derivation(
        aggregate, Optional.of(column), Optional.empty(), Optional.empty(), Map.of(), false);
  }

  private static Derivation ordered(Aggregate aggregate, String column, String by) {
    return new Derivation(
        aggregate, Optional.of(column), Optional.empty(), Optional.of(by), Map.of(), false);
  }

  private static SourceRow order(String attributes) {
    return SourceRow.live("orders", null, 1, cols("order_id", 1001L, "attributes", attributes));
  }

  private static SourceRow item(long id, String sku, Long quantity, String price, Long added) {
    return SourceRow.live(
        "order_item",
        String.valueOf(id),
        1,
        cols("item_id", id, "sku", sku, "quantity", quantity, "price", price, "added", added));
  }

  private static SourceRow refund(String id, String status, String amount) {
    return SourceRow.live(
        "order_refund", id, 1, cols("refund_id", id, "status", status, "amount", amount));
  }

  private static Map<String, Object> cols(Object... keyValues) {
    Map<String, Object> columns = new LinkedHashMap<>();
    for (int i = 0; i < keyValues.length; i += 2) {
      columns.put((String) keyValues[i], keyValues[i + 1]);
    }
    return columns;
  }

  private static WideRow row(SourceRow... cells) {
    Map<String, SourceRow> byQualifier = new LinkedHashMap<>();
    for (SourceRow cell : cells) {
      byQualifier.put(cell.qualifier(), cell);
    }
    return new WideRow(ROWKEY, 1, byQualifier);
  }

  private Upsert upsert(WideRow row) {
    return (Upsert) ((Ready) builder.build(row)).action();
  }

  private Map<String, Object> document(SourceRow... cells) {
    return upsert(row(cells)).document();
  }

  private String reason(SourceRow... cells) {
    return ((Rejected) builder.build(row(cells))).reason();
  }
}
