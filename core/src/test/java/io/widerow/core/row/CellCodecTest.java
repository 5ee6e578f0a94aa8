package io.widerow.core.row;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CellCodecTest {

  @Test
  void liveRowRoundTripsWithExactValues() {
    Map<String, Object> columns = new LinkedHashMap<>();
    columns.put("order_id", "ORD-1");
    columns.put("total", "12.30");
    columns.put("created_at", 1_700_000_000_123L);
    columns.put("qty", 3L);
    columns.put("note", null);
    columns.put("flag", true);
    SourceRow row = SourceRow.live("order_item", "17", 42, columns);

    SourceRow back = CellCodec.decode(row.qualifier(), 42, CellCodec.encode(row));

    assertThat(back).isEqualTo(row);
    assertThat(back.columns().get("qty")).isInstanceOf(Long.class);
    assertThat(back.columns()).containsEntry("note", null);
  }

  @Test
  void tombstoneIsAnEmptyValueAndDecodesAsDeleted() {
    SourceRow tombstone = SourceRow.tombstone("orders", null, 9);

    byte[] value = CellCodec.encode(tombstone);

    assertThat(value).isEmpty();
    assertThat(CellCodec.decode("orders", 9, value)).isEqualTo(tombstone);
  }

  @Test
  void qualifierCarriesChildKeyOfManyTables() {
    assertThat(SourceRow.live("order_item", "5,a", 1, Map.of()).qualifier())
        .isEqualTo("order_item#5,a");
    assertThat(CellQualifier.table("order_item#5,a")).isEqualTo("order_item");
    assertThat(CellQualifier.childKey("order_item#5,a")).isEqualTo("5,a");
    assertThat(CellQualifier.childKey("orders")).isNull();
  }

  @Test
  void valueThatIsNotAJsonObjectIsRejected() {
    assertThatThrownBy(() -> CellCodec.decode("orders", 1, "[1,2]".getBytes()))
        .hasMessageContaining("not a JSON object");
  }
}
