package io.widerow.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;

/**
 * This JVM's resident memory from {@code /proc/self/status}: {@code VmHWM} is the peak since start
 * or since the last {@link #resetPeak}, which lets the bench measure the services alone, without
 * the backfill loader that ran before them in the same process.
 */
final class ProcessMemory {

  private ProcessMemory() {}

  static OptionalLong peakKib() {
    return field("VmHWM:");
  }

  static OptionalLong currentKib() {
    return field("VmRSS:");
  }

  /** Writing 5 to clear_refs resets VmHWM to the current RSS (Linux 4.0+); false if refused. */
  static boolean resetPeak() {
    try {
      Files.writeString(Path.of("/proc/self/clear_refs"), "5");
      return true;
    } catch (IOException | UnsupportedOperationException e) {
      return false;
    }
  }

  /**
   * The sum of each heap pool's peak use since {@link #resetHeapPeaks}: what the heap needed, where
   * RSS also shows what the collector chose to keep (the default heap here is a quarter of RAM).
   */
  static long heapPeakKib() {
    long bytes = 0;
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP) {
        bytes += pool.getPeakUsage().getUsed();
      }
    }
    return bytes / 1024;
  }

  static void resetHeapPeaks() {
    ManagementFactory.getMemoryPoolMXBeans().forEach(MemoryPoolMXBean::resetPeakUsage);
  }

  static long maxHeapMiB() {
    return Runtime.getRuntime().maxMemory() / (1024 * 1024);
  }

  private static OptionalLong field(String name) {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
        if (line.startsWith(name)) {
          return OptionalLong.of(Long.parseLong(line.replaceAll("[^0-9]", "")));
        }
      }
    } catch (IOException | NumberFormatException e) {
      // not Linux, or an unexpected format: memory is then reported as unknown
    }
    return OptionalLong.empty();
  }
}
