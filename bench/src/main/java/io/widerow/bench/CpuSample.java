package io.widerow.bench;

import java.util.Map;

/**
 * CPU ticks used so far by each watched process (tree), and by the whole machine, at one instant.
 *
 * @param ticks per watched name; -1 when that process is not running
 */
record CpuSample(long nanos, Map<String, Long> ticks, long machineBusyTicks) {

  CpuSample {
    ticks = Map.copyOf(ticks);
  }
}
