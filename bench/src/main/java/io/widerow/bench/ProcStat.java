package io.widerow.bench;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One line of {@code /proc/<pid>/stat}: the pid, its parent and the CPU it has used, in clock
 * ticks: its own user and system time, and that of its children that exited and were waited for
 * (those are no longer in the process table, so adding them counts nothing twice).
 */
record ProcStat(long pid, long ppid, long utime, long stime, long cutime, long cstime) {

  /**
   * Parses the line. The command name (field 2) is in parentheses and may hold spaces and
   * parentheses itself, so fields are counted from the last ')'.
   *
   * @throws IllegalArgumentException naming the line when it is not a stat line
   */
  static ProcStat parse(String line) {
    int open = line.indexOf('(');
    int close = line.lastIndexOf(')');
    if (open < 1 || close < open) {
      throw new IllegalArgumentException("not a /proc/<pid>/stat line: " + abbreviate(line));
    }
    String[] f = line.substring(close + 2).trim().split(" ");
    // f[0] is field 3 (state): ppid is field 4, utime 14, stime 15, cutime 16, cstime 17.
    if (f.length < 15) {
      throw new IllegalArgumentException(
          "a /proc/<pid>/stat line needs at least 17 fields: " + abbreviate(line));
    }
    try {
      return new ProcStat(
          Long.parseLong(line.substring(0, open).trim()),
          Long.parseLong(f[1]),
          Long.parseLong(f[11]),
          Long.parseLong(f[12]),
          Long.parseLong(f[13]),
          Long.parseLong(f[14]));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("not a /proc/<pid>/stat line: " + abbreviate(line), e);
    }
  }

  long ticks() {
    return utime + stime + cutime + cstime;
  }

  /** The pids of {@code root} and, if asked, of every live descendant of it; root first. */
  static List<Long> tree(Collection<ProcStat> table, long root, boolean withDescendants) {
    List<Long> pids = new ArrayList<>();
    Map<Long, List<Long>> children = new HashMap<>();
    boolean present = false;
    for (ProcStat p : table) {
      children.computeIfAbsent(p.ppid(), k -> new ArrayList<>()).add(p.pid());
      present |= p.pid() == root;
    }
    if (!present) {
      return pids;
    }
    pids.add(root);
    for (int i = 0; withDescendants && i < pids.size(); i++) {
      pids.addAll(children.getOrDefault(pids.get(i), List.of()));
    }
    return pids;
  }

  /** CPU ticks of {@code root}'s tree; -1 when root is not in the table (it has exited). */
  static long treeTicks(Collection<ProcStat> table, long root, boolean withDescendants) {
    Map<Long, ProcStat> byPid = new HashMap<>();
    table.forEach(p -> byPid.put(p.pid(), p));
    List<Long> pids = tree(table, root, withDescendants);
    if (pids.isEmpty()) {
      return -1;
    }
    return pids.stream().mapToLong(pid -> byPid.get(pid).ticks()).sum();
  }

  private static String abbreviate(String line) {
    return line.length() <= 80 ? line : line.substring(0, 80) + "...";
  }
}
