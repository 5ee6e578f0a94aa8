package io.widerow.bench;

import java.util.ArrayList;
import java.util.List;

/**
 * Whether a streaming step kept up (issue 16's rule, the Flink CDC reference's own): the workload
 * reached at least 95% of the target rate; the search lag's p95 over the step's sampled
 * transactions is under 5 s; the median lag of the step's last quarter is not above max(2 × the
 * first quarter's, the first quarter's + 1 s); and every sampled change was visible by the step's
 * end plus the drain. Lags are judged at the drain's end, a change not seen by then counting with
 * the lag it had (so it also fails the p95 when the drain is long).
 */
final class KeptUpRule {

  static final double MIN_ACHIEVED = 0.95;
  static final double MAX_P95_MS = 5_000;
  static final double GROWTH_FACTOR = 2;
  static final double GROWTH_ALLOWANCE_MS = 1_000;

  /** The outcome: kept up, or each reason it did not. */
  record Verdict(boolean keptUp, List<String> reasons) {

    Verdict {
      reasons = List.copyOf(reasons);
    }

    @Override
    public String toString() {
      return keptUp ? "kept up" : "not kept up: " + String.join("; ", reasons);
    }
  }

  private KeptUpRule() {}

  static String describe(long drainSeconds) {
    return String.format(
        "kept up = workload >= %.0f%% of the rate, search-lag p95 < %.0f s, last-quarter median"
            + " <= max(%.0f x first quarter, first quarter + %.0f s), every sampled change visible"
            + " by the step's end + %d s drain",
        100 * MIN_ACHIEVED,
        MAX_P95_MS / 1000,
        GROWTH_FACTOR,
        GROWTH_ALLOWANCE_MS / 1000,
        drainSeconds);
  }

  /**
   * @param step the step's sampled transactions, judged at the drain's end
   * @param firstQuarter those committed in the step's first quarter
   * @param lastQuarter those committed in its last quarter
   */
  static Verdict judge(
      double targetRate,
      double achievedRate,
      LagLog.Window step,
      LagLog.Window firstQuarter,
      LagLog.Window lastQuarter) {
    List<String> reasons = new ArrayList<>();
    if (achievedRate < MIN_ACHIEVED * targetRate) {
      reasons.add(
          String.format(
              "workload reached %.0f%% of the rate (< %.0f%%)",
              100 * achievedRate / targetRate, 100 * MIN_ACHIEVED));
    }
    if (step.markers() == 0) {
      reasons.add("no sampled transactions");
      return new Verdict(false, reasons);
    }
    if (step.unseen() > 0) {
      reasons.add(
          String.format(
              "%d of %d sampled changes not visible by the drain's end",
              step.unseen(), step.markers()));
    }
    if (!(step.p95() < MAX_P95_MS)) {
      reasons.add(String.format("lag p95 %.2f s >= %.0f s", step.p95() / 1000, MAX_P95_MS / 1000));
    }
    if (firstQuarter.markers() == 0 || lastQuarter.markers() == 0) {
      reasons.add("no sampled transactions in the first or the last quarter");
    } else {
      double limit =
          Math.max(GROWTH_FACTOR * firstQuarter.p50(), firstQuarter.p50() + GROWTH_ALLOWANCE_MS);
      if (lastQuarter.p50() > limit) {
        reasons.add(
            String.format(
                "lag grew: last-quarter median %.2f s > %.2f s (first quarter %.2f s)",
                lastQuarter.p50() / 1000, limit / 1000, firstQuarter.p50() / 1000));
      }
    }
    return new Verdict(reasons.isEmpty(), reasons);
  }
}
