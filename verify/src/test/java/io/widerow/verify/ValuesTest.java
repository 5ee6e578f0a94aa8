package io.widerow.verify;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ValuesTest {

  @Test
  void columnNullInTheSourceAndAbsentFromTheCellIsNoDifference() {
    Map<String, Object> source = new HashMap<>(Map.of("status", "NEW"));
    source.put("note", null);

    assertThat(Values.differingColumns(source, Map.of("status", "NEW"))).isEmpty();
    assertThat(Values.differingColumns(Map.of("status", "NEW"), source)).isEmpty();
  }

  @Test
  void columnWithAValueOnOneSideAndAbsentFromTheOtherDiffers() {
    assertThat(
            Values.differingColumns(Map.of("status", "NEW", "note", "x"), Map.of("status", "NEW")))
        .containsExactly("note");
    assertThat(
            Values.differingColumns(Map.of("status", "NEW"), Map.of("status", "NEW", "note", 0L)))
        .containsExactly("note");
  }

  @Test
  void decimalsCompareByValueAcrossAChangeOfScale() {
    assertThat(Values.same("1.50", "1.500")).isTrue();
    assertThat(Values.same(7L, "7.00")).isTrue();
    assertThat(Values.same("7.00", 7L)).isTrue();
    assertThat(Values.same("1.50", "1.51")).isFalse();
  }

  @Test
  void digitTextWithoutAFractionStillComparesAsText() {
    assertThat(Values.same("007", "7")).isFalse();
    assertThat(Values.same(7L, "007")).isFalse();
    assertThat(Values.same("1.5x", "1.50")).isFalse();
  }

  @Test
  void timestampsCompareByInstant() {
    assertThat(Values.same("2024-01-02T03:04:05.100Z", "2024-01-02T03:04:05.1Z")).isTrue();
    assertThat(Values.same("2024-01-02T03:04:05Z", "2024-01-02T03:04:06Z")).isFalse();
  }
}
