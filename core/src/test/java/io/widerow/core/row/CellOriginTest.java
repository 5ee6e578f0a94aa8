package io.widerow.core.row;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class CellOriginTest {

  @Test
  void originRoundTripsThroughItsCompactJson() {
    CellOrigin origin =
        new CellOrigin(
            "shop", "shop_0", "orders_1", "17", "12:3456#2", 1_700_000_000_000L, "update");

    assertThat(CellOrigin.decode(origin.encode())).contains(origin);
    assertThat(new String(origin.encode(), StandardCharsets.UTF_8))
        .isEqualTo(
            "{\"src\":\"shop\",\"db\":\"shop_0\",\"tbl\":\"orders_1\",\"pk\":\"17\","
                + "\"pos\":\"12:3456#2\",\"ts\":1700000000000,\"op\":\"update\"}");
  }

  @Test
  void anythingElseIsNoOriginRatherThanAnError() {
    assertThat(CellOrigin.decode("not json".getBytes(StandardCharsets.UTF_8))).isEmpty();
    assertThat(CellOrigin.decode("[1]".getBytes(StandardCharsets.UTF_8))).isEmpty();
    assertThat(CellOrigin.decode(new byte[0])).isEmpty();
  }

  @Test
  void deletesMovesAndTruncatesBuryTheirCell() {
    assertThat(origin("delete").buried()).isTrue();
    assertThat(origin("moved").buried()).isTrue();
    assertThat(origin("truncate").buried()).isTrue();
    assertThat(origin("insert").buried()).isFalse();
    assertThat(origin("snapshot").buried()).isFalse();
  }

  private static CellOrigin origin(String change) {
    return new CellOrigin("s", "d", "t", "", "", 0, change);
  }
}
