package io.widerow.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * Every probe marker's commit time and the time it was first seen searchable, and the statistics of
 * a window of them. A marker not yet seen counts with the lag it has so far (a lower bound), so an
 * overloaded pipeline cannot look fresh by hiding its slowest markers.
 */
final class LagLog {

  private final ConcurrentSkipListMap<Long, Long> committed = new ConcurrentSkipListMap<>();
  private final ConcurrentHashMap<Long, Long> searchable = new ConcurrentHashMap<>();

  void committed(long seq, long nanos) {
    committed.put(seq, nanos);
  }

  void searchable(long seq, long nanos) {
    searchable.putIfAbsent(seq, nanos);
  }

  long committedCount() {
    return committed.size();
  }

  long unresolved() {
    return committed.size() - searchable.size();
  }

  /**
   * Markers committed in {@code [fromNanos, toNanos)}, judged at {@code asOfNanos}.
   *
   * @return lags in ms, p50/p95/p99/max, the count of markers not yet seen, and the slope of lag
   *     over commit time (seconds of lag gained per second), by least squares
   */
  Window window(long fromNanos, long toNanos, long asOfNanos) {
    List<double[]> points = new ArrayList<>(); // {commit s, lag ms}
    int unseen = 0;
    for (var e : committed.entrySet()) {
      long commit = e.getValue();
      if (commit < fromNanos || commit >= toNanos) {
        continue;
      }
      Long seen = searchable.get(e.getKey());
      if (seen == null) {
        unseen++;
      }
      long lagNanos = (seen == null ? asOfNanos : seen) - commit;
      points.add(new double[] {(commit - fromNanos) / 1e9, lagNanos / 1e6});
    }
    return Window.of(points, unseen);
  }

  /** Lag statistics of one window of markers, in milliseconds. */
  record Window(
      int markers, int unseen, double p50, double p95, double p99, double max, double slope) {

    static Window of(List<double[]> points, int unseen) {
      if (points.isEmpty()) {
        return new Window(0, 0, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
      }
      double[] lags = points.stream().mapToDouble(p -> p[1]).sorted().toArray();
      return new Window(
          lags.length,
          unseen,
          percentile(lags, 50),
          percentile(lags, 95),
          percentile(lags, 99),
          lags[lags.length - 1],
          slope(points));
    }

    /** Nearest-rank percentile of sorted values. */
    static double percentile(double[] sorted, double p) {
      int rank = (int) Math.ceil(p / 100.0 * sorted.length);
      return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }

    /** Seconds of lag gained per second of wall time; 0 when the points span no time. */
    static double slope(List<double[]> points) {
      double n = points.size();
      double mx = points.stream().mapToDouble(p -> p[0]).sum() / n;
      double my = points.stream().mapToDouble(p -> p[1]).sum() / n;
      double sxy = 0;
      double sxx = 0;
      for (double[] p : points) {
        sxy += (p[0] - mx) * (p[1] - my);
        sxx += (p[0] - mx) * (p[0] - mx);
      }
      return sxx == 0 ? 0 : sxy / sxx / 1000.0;
    }

    @Override
    public String toString() {
      return String.format(
          "p50 %.0f ms, p95 %.0f ms, p99 %.0f ms, max %.0f ms (%d markers, %d unseen)",
          p50, p95, p99, max, markers, unseen);
    }
  }
}
