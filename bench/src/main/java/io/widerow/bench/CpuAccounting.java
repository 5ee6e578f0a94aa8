package io.widerow.bench;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * CPU used by each watched process between two {@link CpuSample}s: milliseconds, share of one core
 * (100% = one core busy all the time; the machine as a whole can reach cores × 100%), and
 * milliseconds per 1,000 source changes written meanwhile. Sums of several processes ("services",
 * "hbase+kafka", "services+hbase+kafka") are added as entries of their own.
 */
final class CpuAccounting {

  /** The CPU of one process, or of a sum of them, over one interval. NaN where unknown. */
  record Use(double cpuMs, double shareOfCore, double msPer1000Changes) {

    static final Use UNKNOWN = new Use(Double.NaN, Double.NaN, Double.NaN);
  }

  /** Named sums: the three services, HBase and Kafka, and the five (what widerow adds). */
  static final Map<String, List<String>> GROUPS =
      Map.of(
          "services", List.of("ingest", "merger", "indexer"),
          "hbase+kafka", List.of("hbase", "kafka"),
          "services+hbase+kafka", List.of("ingest", "merger", "indexer", "hbase", "kafka"));

  private CpuAccounting() {}

  /**
   * @param changes source row changes written between the samples; per-1,000 figures are NaN when
   *     none were
   * @param ticksPerSecond the kernel's clock ticks per second ({@code getconf CLK_TCK})
   */
  static Map<String, Use> between(
      CpuSample before, CpuSample after, long changes, long ticksPerSecond) {
    double wallMs = (after.nanos() - before.nanos()) / 1e6;
    Map<String, Use> uses = new LinkedHashMap<>();
    for (String name : after.ticks().keySet()) {
      Long t0 = before.ticks().get(name);
      Long t1 = after.ticks().get(name);
      if (t0 == null || t1 == null || t0 < 0 || t1 < 0 || t1 < t0) {
        uses.put(name, Use.UNKNOWN); // not running at one of the samples, or restarted
        continue;
      }
      uses.put(name, use((t1 - t0) * 1000.0 / ticksPerSecond, wallMs, changes));
    }
    double machineMs =
        (after.machineBusyTicks() - before.machineBusyTicks()) * 1000.0 / ticksPerSecond;
    uses.put("machine", use(machineMs, wallMs, changes));
    for (var group : List.of("services", "hbase+kafka", "services+hbase+kafka")) {
      List<String> members = GROUPS.get(group);
      if (members.stream().allMatch(uses::containsKey)) {
        double sum = members.stream().mapToDouble(m -> uses.get(m).cpuMs()).sum();
        uses.put(group, use(sum, wallMs, changes));
      }
    }
    return uses;
  }

  private static Use use(double cpuMs, double wallMs, long changes) {
    return new Use(
        cpuMs,
        wallMs <= 0 ? Double.NaN : 100 * cpuMs / wallMs,
        changes <= 0 ? Double.NaN : cpuMs * 1000 / changes);
  }

  /**
   * Busy ticks of the whole machine from the {@code cpu} line of {@code /proc/stat}: user, nice,
   * system, irq, softirq and steal (not idle and iowait; guest time is already in user).
   */
  static long machineBusyTicks(String cpuLine) {
    String[] f = cpuLine.trim().split("\\s+");
    if (f.length < 9 || !f[0].equals("cpu")) {
      throw new IllegalArgumentException("not the cpu line of /proc/stat: " + cpuLine);
    }
    long busy = 0;
    for (int i : new int[] {1, 2, 3, 6, 7, 8}) {
      busy += Long.parseLong(f[i]);
    }
    return busy;
  }
}
