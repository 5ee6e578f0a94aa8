package io.widerow.query;

import static org.assertj.core.api.Assertions.assertThat;

import io.widerow.core.index.SearchPage;
import io.widerow.core.row.SourceRow;
import io.widerow.core.row.WideRow;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RowJsonTest {

  @Test
  void rowHasKeyRowkeyVersionAndLiveTablesWithChildrenInKeyOrder() {
    Map<String, SourceRow> cells = new LinkedHashMap<>();
    put(cells, SourceRow.live("orders", null, 3, Map.of("status", "paid")));
    put(cells, SourceRow.tombstone("order_payment", null, 4));
    put(cells, SourceRow.live("order_item", "10", 1, Map.of("sku", "B")));
    put(cells, SourceRow.live("order_item", "9", 1, Map.of("sku", "A")));
    put(cells, SourceRow.tombstone("order_item", "11", 2));

    Map<String, Object> json = RowJson.row("1001", new WideRow("0a:1001", 5, cells));

    assertThat(json)
        .containsExactly(
            Map.entry("key", "1001"),
            Map.entry("rowkey", "0a:1001"),
            Map.entry("version", 5L),
            Map.entry(
                "tables",
                Map.of(
                    "orders", Map.of("status", "paid"),
                    "order_item", List.of(Map.of("sku", "A"), Map.of("sku", "B")))));
  }

  @Test
  void pageListsTotalAndRowsInHitOrder() {
    WideRow a = new WideRow("0a:2", 1, Map.of());
    WideRow b = new WideRow("0b:1", 1, Map.of());

    Map<String, Object> json =
        RowJson.page(new SearchPage(7, 0, 2, List.of(a, b)), row -> row.rowkey().substring(3));

    assertThat(json).containsEntry("total", 7L).containsEntry("from", 0).containsEntry("size", 2);
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> rows = (List<Map<String, Object>>) json.get("rows");
    assertThat(rows).extracting(r -> r.get("key")).containsExactly("2", "1");
  }

  private static void put(Map<String, SourceRow> cells, SourceRow row) {
    cells.put(row.qualifier(), row);
  }
}
