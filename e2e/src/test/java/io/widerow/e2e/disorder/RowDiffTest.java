package io.widerow.e2e.disorder;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.widerow.core.row.SourceRow;
import io.widerow.e2e.disorder.RowDiff.Found;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RowDiffTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void namesTheCellThatHoldsAnOlderVersion() {
    var expected = Map.of("orders", SourceRow.tombstone("orders", null, 4));
    var actual = Map.of("orders", SourceRow.live("orders", null, 3, Map.of("status", "PAID")));

    assertThat(RowDiff.cells(expected, actual))
        .containsExactly("hbase orders: expected tombstone@4, found live@3{status=PAID}");
    assertThat(RowDiff.cells(expected, expected)).isEmpty();
  }

  @Test
  void namesFieldsVersionsAndVisibility() throws Exception {
    var want = JSON.readTree("{\"status\":\"PAID\",\"total\":1.5}");
    var stale = new Found(3, JSON.readTree("{\"status\":\"CREATED\",\"total\":1.5}"));

    assertThat(RowDiff.document(want, 4, stale))
        .containsExactly(
            "es: version 3, expected m:v 4", "es status: expected \"PAID\", found \"CREATED\"");
    assertThat(RowDiff.document(null, 4, stale))
        .containsExactly("es: deleted entity is visible at version 3");
    assertThat(RowDiff.document(want, 4, null)).hasSize(1);
    assertThat(RowDiff.document(want, 4, new Found(4, want))).isEmpty();
  }
}
