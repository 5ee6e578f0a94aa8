package io.widerow.bench;

import io.widerow.stack.Processes;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Reads {@code /proc} for the CPU used by the processes the bench watches: the services, the
 * servers (with their descendants: Elasticsearch runs its server JVM under a launcher), and this
 * JVM (the workload writers and the probe, or with {@code --in-jvm} the services too).
 */
final class CpuSampler {

  /** A process to account for under {@code name}; with descendants, its whole tree counts. */
  record Watched(String name, long pid, boolean withDescendants) {}

  private final List<Watched> watched;

  CpuSampler(List<Watched> watched) {
    this.watched = List.copyOf(watched);
  }

  List<Watched> watched() {
    return watched;
  }

  CpuSample sample() throws IOException {
    List<ProcStat> table = processTable();
    Map<String, Long> ticks = new LinkedHashMap<>();
    for (Watched w : watched) {
      ticks.put(w.name(), ProcStat.treeTicks(table, w.pid(), w.withDescendants()));
    }
    String cpuLine = Files.readAllLines(Path.of("/proc/stat")).get(0);
    return new CpuSample(System.nanoTime(), ticks, CpuAccounting.machineBusyTicks(cpuLine));
  }

  /** Each watched tree's peak RSS in MiB: the sum of its processes' {@code VmHWM}. */
  Map<String, Long> peakRssMiB() throws IOException {
    List<ProcStat> table = processTable();
    Map<String, Long> peaks = new LinkedHashMap<>();
    for (Watched w : watched) {
      long kib = 0;
      List<Long> pids = ProcStat.tree(table, w.pid(), w.withDescendants());
      for (long pid : pids) {
        OptionalLong k = Processes.peakRssKib(pid);
        kib += k.orElse(0);
      }
      peaks.put(w.name(), pids.isEmpty() ? null : kib / 1024);
    }
    return peaks;
  }

  private static List<ProcStat> processTable() throws IOException {
    List<ProcStat> table = new ArrayList<>();
    try (Stream<Path> entries = Files.list(Path.of("/proc"))) {
      for (Path p : (Iterable<Path>) entries::iterator) {
        String name = p.getFileName().toString();
        if (!name.chars().allMatch(Character::isDigit)) {
          continue;
        }
        try {
          table.add(ProcStat.parse(Files.readString(p.resolve("stat"))));
        } catch (IOException | IllegalArgumentException e) {
          // the process exited between listing and reading
        }
      }
    }
    return table;
  }

  /** The kernel's clock ticks per second, from {@code getconf CLK_TCK}; 100 if that fails. */
  static long ticksPerSecond() {
    try {
      Process p = new ProcessBuilder("getconf", "CLK_TCK").redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes()).trim();
      if (p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0) {
        return Long.parseLong(out);
      }
    } catch (IOException | NumberFormatException e) {
      // fall through to Linux's usual value
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return 100;
  }
}
