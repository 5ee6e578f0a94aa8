package io.widerow.core.row;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WideRowTest {

  private static WideRow rowOf(SourceRow... rows) {
    Map<String, SourceRow> cells = new LinkedHashMap<>();
    for (SourceRow r : rows) {
      cells.put(r.qualifier(), r);
    }
    return new WideRow("00:k", 3, cells);
  }

  @Test
  void manyChildrenComeInNumericKeyOrderWithoutTombstones() {
    WideRow row =
        rowOf(
            SourceRow.live("order_item", "10", 1, Map.of("sku", "c")),
            SourceRow.live("order_item", "9", 1, Map.of("sku", "b")),
            SourceRow.tombstone("order_item", "2", 4),
            SourceRow.live("order_item", "1", 1, Map.of("sku", "a")),
            SourceRow.live("order_refund", "1", 1, Map.of()));

    List<String> skus =
        row.many("order_item").stream().map(r -> (String) r.columns().get("sku")).toList();

    assertThat(skus).containsExactly("a", "b", "c");
  }

  @Test
  void oneTableRowIsAbsentWhenTombstoned() {
    WideRow row = rowOf(SourceRow.tombstone("orders", null, 8));

    assertThat(row.one("orders")).isEmpty();
    assertThat(row.isEmpty()).isFalse();
  }

  @Test
  void keyMessageRoundTripsAndRejectsGarbage() {
    KeyMessage m = new KeyMessage("0a:ORD-1", 1_700_000_000_000L);

    assertThat(KeyMessage.decode("0a:ORD-1".getBytes(), m.encodeValue())).isEqualTo(m);
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> KeyMessage.decode("0a:ORD-1".getBytes(), "{\"ts\":x}".getBytes()))
        .hasMessage("value has no numeric ts");
  }
}
