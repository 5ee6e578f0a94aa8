package io.widerow.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class LagLogTest {

  private static final long MS = 1_000_000;

  @Test
  void seenMarkersCountWithTheirLag() {
    LagLog log = new LagLog();
    for (int i = 1; i <= 100; i++) {
      log.committed(i, i * 100 * MS);
      log.searchable(i, i * 100 * MS + i * MS); // marker i seen after i ms
    }
    LagLog.Window w = log.window(0, Long.MAX_VALUE, Long.MAX_VALUE);
    assertThat(w.markers()).isEqualTo(100);
    assertThat(w.unseen()).isZero();
    assertThat(w.p50()).isEqualTo(50);
    assertThat(w.p99()).isEqualTo(99);
    assertThat(w.max()).isEqualTo(100);
  }

  @Test
  void unseenMarkersCountWithTheLagTheyHaveSoFar() {
    LagLog log = new LagLog();
    log.committed(1, 0);
    log.searchable(1, 200 * MS);
    log.committed(2, 100 * MS);
    LagLog.Window w = log.window(0, Long.MAX_VALUE, 5_100 * MS);
    assertThat(w.unseen()).isEqualTo(1);
    assertThat(w.max()).isEqualTo(5_000);
  }

  @Test
  void onlyMarkersCommittedInTheWindowCount() {
    LagLog log = new LagLog();
    log.committed(1, 0);
    log.searchable(1, 9_000 * MS);
    log.committed(2, 1_000 * MS);
    log.searchable(2, 1_100 * MS);
    LagLog.Window w = log.window(500 * MS, 2_000 * MS, 10_000 * MS);
    assertThat(w.markers()).isEqualTo(1);
    assertThat(w.max()).isEqualTo(100);
  }

  @Test
  void lagGrowingOneSecondPerTenSecondsHasSlopeOneTenth() {
    LagLog log = new LagLog();
    for (int s = 0; s < 60; s++) {
      long commit = s * 1_000 * MS;
      log.committed(s, commit);
      log.searchable(s, commit + (200 + s * 100) * MS);
    }
    assertThat(log.window(0, Long.MAX_VALUE, Long.MAX_VALUE).slope()).isCloseTo(0.1, within(1e-9));
  }

  @Test
  void steadyLagIsBoundedAndGrowingLagIsNot() {
    LagLog.Window steady = new LagLog.Window(100, 0, 800, 1_200, 1_400, 1_500, 0.001);
    assertThat(StreamingSteps.verdict(1000, 990, steady, 20)).isEqualTo("bounded");
    assertThat(StreamingSteps.verdict(1000, 990, steady, 1_500)).startsWith("lag growing");
    LagLog.Window slow = new LagLog.Window(100, 40, 4_000, 6_000, 7_000, 8_000, 0.2);
    assertThat(StreamingSteps.verdict(1000, 990, slow, 500)).startsWith("lag unbounded");
    assertThat(StreamingSteps.verdict(1000, 700, steady, 0)).startsWith("source-limited");
  }
}
