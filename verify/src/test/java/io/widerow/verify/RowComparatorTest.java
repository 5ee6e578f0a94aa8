package io.widerow.verify;

import static org.assertj.core.api.Assertions.assertThat;

import io.widerow.core.pipeline.Pipeline;
import io.widerow.core.row.RowWrite;
import io.widerow.core.row.SourceRow;
import io.widerow.core.row.WideRow;
import io.widerow.core.rowkey.RowKeyCodec;
import io.widerow.verify.Difference.Kind;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RowComparatorTest {

  private static final Pipeline PIPELINE = VerifyPipelines.small();
  private static final RowKeyCodec ROWKEYS = RowKeyCodec.of(PIPELINE.hbase());
  private final RowComparator comparator = new RowComparator(PIPELINE);

  @Test
  void identicalRowsHaveNoDifference() {
    SourceRow order = order(5, "PAID");
    SourceRow item = item("9", 3, "SKU-9");

    assertThat(compare(List.of(order, item), row(order, item))).isEmpty();
  }

  @Test
  void aCellThatDoesNotDecodeIsMissingAndRewrittenFromTheSource() {
    SourceRow order = order(5, "PAID");
    SourceRow item = item("9", 3, "SKU-9");
    Map<String, SourceRow> cells = new LinkedHashMap<>(Map.of(order.qualifier(), order));
    WideRow stored =
        new WideRow(
            ROWKEYS.encode("K"), 3, cells, Map.of(item.qualifier(), "cell value is not JSON"));

    assertThat(compare(List.of(order, item), stored))
        .singleElement()
        .satisfies(
            d -> {
              assertThat(d.kind()).isEqualTo(Kind.MISSING_CELL);
              assertThat(d.detail()).isEqualTo("the cell does not decode");
              assertThat(d.repairs()).extracting(RowWrite::row).containsExactly(item);
            });
  }

  @Test
  void integerWidthsAndTimestampSpellingsDoNotCount() {
    SourceRow source = order(5, Map.of("order_id", "K", "n", 7, "at", "2024-05-01T10:00:01Z"));
    SourceRow stored = order(5, Map.of("order_id", "K", "n", 7L, "at", "2024-05-01T10:00:01.000Z"));

    assertThat(compare(List.of(source), row(stored))).isEmpty();
  }

  @Test
  void rowWithNoCellAtAllIsOneMissingRowRepairedWithEveryCell() {
    SourceRow order = order(5, "PAID");
    SourceRow item = item("9", 3, "SKU-9");

    List<Difference> found = compare(List.of(order, item), row());

    assertThat(found).extracting(Difference::kind).containsExactly(Kind.MISSING_ROW);
    assertThat(found.get(0).repairs())
        .extracting(RowWrite::row)
        .containsExactlyInAnyOrder(item, order);
  }

  @Test
  void missingCellIsRewrittenAtTheSourceVersion() {
    SourceRow order = order(5, "PAID");
    SourceRow item = item("9", 3, "SKU-9");

    List<Difference> found = compare(List.of(order, item), row(order));

    assertThat(found)
        .singleElement()
        .satisfies(
            d -> {
              assertThat(d.kind()).isEqualTo(Kind.MISSING_CELL);
              assertThat(d.where()).isEqualTo("d:items#9");
              assertThat(d.repairs()).extracting(w -> w.row().version()).containsExactly(3L);
            });
  }

  @Test
  void staleCellNamesTheColumnsAndBothVersionsButNoValues() {
    SourceRow newer = order(6, "SHIPPED");
    SourceRow older = order(5, "PAID");

    Difference d = compare(List.of(newer), row(older)).get(0);

    assertThat(d.kind()).isEqualTo(Kind.STALE_CELL);
    assertThat(d.line())
        .contains("at=d:orders", "source=6 hbase=5", "columns status")
        .doesNotContain("SHIPPED", "PAID");
    assertThat(d.repairs()).extracting(RowWrite::row).containsExactly(newer);
  }

  @Test
  void staleCellNewerThanTheSourceCannotBeRepairedByAWrite() {
    Difference d = compare(List.of(order(5, "PAID")), row(order(9, "OTHER"))).get(0);

    assertThat(d.kind()).isEqualTo(Kind.STALE_CELL);
    assertThat(d.repairs()).isEmpty();
    assertThat(d.detail()).contains("not repairable");
  }

  @Test
  void tombstoneForARowTheSourceNoLongerHasIsNoDifference() {
    SourceRow order = order(5, "PAID");

    assertThat(compare(List.of(order), row(order, tombstone("items", "9", 4)))).isEmpty();
  }

  @Test
  void tombstoneOverALiveSourceRowIsReported() {
    SourceRow item = item("9", 7, "SKU-9");

    Difference d =
        compare(List.of(order(5, "PAID"), item), row(order(5, "PAID"), tombstone("items", "9", 6)))
            .get(0);

    assertThat(d.kind()).isEqualTo(Kind.TOMBSTONED_CELL);
    assertThat(d.repairs()).extracting(RowWrite::row).containsExactly(item);
  }

  @Test
  void extraChildIsBuriedUnderATombstoneOneVersionAbove() {
    SourceRow order = order(5, "PAID");
    SourceRow kept = item("9", 3, "SKU-9");
    SourceRow gone = item("10", 4, "SKU-10");

    List<Difference> found = compare(List.of(order, kept), row(order, kept, gone));

    assertThat(found)
        .singleElement()
        .satisfies(
            d -> {
              assertThat(d.kind()).isEqualTo(Kind.EXTRA_CELL);
              assertThat(d.where()).isEqualTo("d:items#10");
              assertThat(d.repairs())
                  .extracting(RowWrite::row)
                  .containsExactly(SourceRow.tombstone("items", "10", 5));
            });
  }

  @Test
  void manyChildrenAreComparedOneByOne() {
    SourceRow order = order(5, "PAID");
    List<SourceRow> source =
        List.of(order, item("1", 1, "A"), item("2", 1, "B"), item("3", 1, "C"));
    SourceRow staleTwo = item("2", 1, "b");

    List<Difference> found =
        compare(source, row(order, item("1", 1, "A"), staleTwo, item("4", 2, "D")));

    assertThat(found)
        .extracting(Difference::kind, Difference::where)
        .containsExactlyInAnyOrder(
            org.assertj.core.groups.Tuple.tuple(Kind.STALE_CELL, "d:items#2"),
            org.assertj.core.groups.Tuple.tuple(Kind.MISSING_CELL, "d:items#3"),
            org.assertj.core.groups.Tuple.tuple(Kind.EXTRA_CELL, "d:items#4"));
  }

  @Test
  void liveRootOfAnEntityTheSourceDoesNotHaveIsAnExtraEntity() {
    List<Difference> found = compare(List.of(), row(order(5, "PAID"), item("9", 3, "SKU-9")));

    assertThat(found)
        .extracting(Difference::kind)
        .containsExactlyInAnyOrder(Kind.EXTRA_ENTITY, Kind.EXTRA_CELL);
  }

  @Test
  void binlogTableReportsTheReadPositionAsItsSourceVersion() {
    SourceRow note = SourceRow.live("notes", null, 1000, Map.of("order_id", "K", "text", "new"));
    SourceRow stored = SourceRow.live("notes", null, 999, Map.of("order_id", "K", "text", "old"));

    Difference d = compare(List.of(note), row(stored)).get(0);

    assertThat(d.versions()).isEqualTo("source_read_at=1000 hbase=999");
  }

  // ---- helpers ----

  private List<Difference> compare(List<SourceRow> sourceRows, WideRow stored) {
    SourceEntity entity = new SourceEntity("K", ROWKEYS.encode("K"), sourceRows);
    List<Difference> problems = new ArrayList<>();
    Map<String, SourceRow> expected = ExpectedRow.cells(entity, problems::add);
    assertThat(problems).isEmpty();
    return comparator.compare(entity, expected, stored);
  }

  private static WideRow row(SourceRow... cells) {
    Map<String, SourceRow> map = new LinkedHashMap<>();
    for (SourceRow cell : cells) {
      map.put(cell.qualifier(), cell);
    }
    return new WideRow(ROWKEYS.encode("K"), 3, map);
  }

  static SourceRow order(long version, String status) {
    return order(
        version, Map.of("order_id", "K", "status", status, "total", "9.50", "version", version));
  }

  static SourceRow order(long version, Map<String, Object> columns) {
    return SourceRow.live("orders", null, version, columns);
  }

  static SourceRow item(String id, long version, String sku) {
    return SourceRow.live(
        "items",
        id,
        version,
        Map.of("item_id", Long.parseLong(id), "order_id", "K", "sku", sku, "version", version));
  }

  static SourceRow tombstone(String table, String child, long version) {
    return SourceRow.tombstone(table, child, version);
  }
}
