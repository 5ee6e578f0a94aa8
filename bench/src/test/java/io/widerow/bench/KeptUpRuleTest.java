package io.widerow.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class KeptUpRuleTest {

  /** A window of {@code n} seen changes, each with {@code lagMs}. */
  private static LagLog.Window lags(int n, double lagMs) {
    List<double[]> points = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      points.add(new double[] {i, lagMs});
    }
    return LagLog.Window.of(points, 0);
  }

  private static LagLog.Window withUnseen(LagLog.Window w, int unseen) {
    return new LagLog.Window(w.markers(), unseen, w.p50(), w.p95(), w.p99(), w.max(), w.slope());
  }

  @Test
  void aSteadyLowLagAtTheFullRateKeepsUp() {
    KeptUpRule.Verdict v =
        KeptUpRule.judge(1000, 990, lags(2400, 800), lags(600, 800), lags(600, 850));
    assertThat(v.keptUp()).isTrue();
    assertThat(v.reasons()).isEmpty();
    assertThat(v).hasToString("kept up");
  }

  @Test
  void reachingLessThanNinetyFivePercentOfTheRateIsNotKeepingUp() {
    KeptUpRule.Verdict v =
        KeptUpRule.judge(1000, 949, lags(2400, 800), lags(600, 800), lags(600, 800));
    assertThat(v.keptUp()).isFalse();
    assertThat(v.reasons()).containsExactly("workload reached 95% of the rate (< 95%)");
    assertThat(KeptUpRule.judge(1000, 950, lags(10, 8), lags(3, 8), lags(3, 8)).keptUp()).isTrue();
  }

  @Test
  void aP95OfFiveSecondsOrMoreIsNotKeepingUp() {
    assertThat(
            KeptUpRule.judge(100, 100, lags(100, 4_999), lags(25, 4_999), lags(25, 4_999)).keptUp())
        .isTrue();
    KeptUpRule.Verdict v =
        KeptUpRule.judge(100, 100, lags(100, 5_000), lags(25, 5_000), lags(25, 5_000));
    assertThat(v.keptUp()).isFalse();
    assertThat(v.reasons()).containsExactly("lag p95 5.00 s >= 5 s");
  }

  @Test
  void theLastQuartersMedianMayDoubleASmallFirstQuarterOrAddASecondToALargeOne() {
    // first quarter 0.4 s: the limit is max(0.8, 1.4) = 1.4 s
    assertThat(KeptUpRule.judge(100, 100, lags(100, 900), lags(25, 400), lags(25, 1_400)).keptUp())
        .isTrue();
    KeptUpRule.Verdict small =
        KeptUpRule.judge(100, 100, lags(100, 900), lags(25, 400), lags(25, 1_401));
    assertThat(small.keptUp()).isFalse();
    assertThat(small.reasons().get(0)).startsWith("lag grew: last-quarter median 1.40 s > 1.40 s");
    // first quarter 1.5 s: the limit is max(3.0, 2.5) = 3.0 s
    assertThat(
            KeptUpRule.judge(100, 100, lags(100, 2_000), lags(25, 1_500), lags(25, 3_000)).keptUp())
        .isTrue();
    assertThat(
            KeptUpRule.judge(100, 100, lags(100, 2_000), lags(25, 1_500), lags(25, 3_001)).keptUp())
        .isFalse();
  }

  @Test
  void aSampledChangeStillInvisibleAfterTheDrainIsNotKeepingUp() {
    KeptUpRule.Verdict v =
        KeptUpRule.judge(100, 100, withUnseen(lags(100, 500), 1), lags(25, 500), lags(25, 500));
    assertThat(v.keptUp()).isFalse();
    assertThat(v.reasons())
        .containsExactly("1 of 100 sampled changes not visible by the drain's end");
  }

  @Test
  void everyFailedConditionIsNamed() {
    KeptUpRule.Verdict v =
        KeptUpRule.judge(
            1000, 500, withUnseen(lags(100, 9_000), 3), lags(25, 1_000), lags(25, 9_000));
    assertThat(v.keptUp()).isFalse();
    assertThat(v.reasons()).hasSize(4);
    assertThat(v.toString()).startsWith("not kept up: workload reached 50% of the rate");
  }

  @Test
  void aStepWithoutSampledTransactionsCannotKeepUp() {
    LagLog.Window none = LagLog.Window.of(List.of(), 0);
    KeptUpRule.Verdict v = KeptUpRule.judge(100, 100, none, none, none);
    assertThat(v.keptUp()).isFalse();
    assertThat(v.reasons()).containsExactly("no sampled transactions");
    KeptUpRule.Verdict quarters = KeptUpRule.judge(100, 100, lags(10, 100), none, lags(3, 100));
    assertThat(quarters.keptUp()).isFalse();
    assertThat(quarters.reasons())
        .containsExactly("no sampled transactions in the first or the last quarter");
  }
}
