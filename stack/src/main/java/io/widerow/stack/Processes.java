package io.widerow.stack;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.stream.Stream;

/**
 * What Linux's /proc says about a process. A killed server whose parent has gone may linger as a
 * zombie here (nothing reaps it), so "alive" means a state other than Z or X, not {@code kill -0}.
 */
public final class Processes {

  private Processes() {}

  public static boolean isAlive(long pid) {
    Optional<String> stat = read(Path.of("/proc", Long.toString(pid), "stat"));
    if (stat.isEmpty()) {
      return false;
    }
    // The state follows the command name, which is in parentheses and may contain spaces.
    String s = stat.get();
    int close = s.lastIndexOf(')');
    if (close < 0 || close + 2 >= s.length()) {
      return false;
    }
    char state = s.charAt(close + 2);
    return state != 'Z' && state != 'X';
  }

  /** The command line with arguments joined by spaces, or empty if the process is gone. */
  public static String commandLine(long pid) {
    return read(Path.of("/proc", Long.toString(pid), "cmdline"))
        .map(s -> s.replace('\0', ' ').trim())
        .orElse("");
  }

  /** Resident set size now, in KiB ({@code VmRSS}). */
  public static OptionalLong rssKib(long pid) {
    return statusField(pid, "VmRSS:");
  }

  /** Peak resident set size since start, in KiB ({@code VmHWM}). */
  public static OptionalLong peakRssKib(long pid) {
    return statusField(pid, "VmHWM:");
  }

  /** Live processes whose command line contains {@code marker}, except this JVM. */
  public static List<Long> findByCommandLine(String marker) {
    List<Long> found = new ArrayList<>();
    long self = ProcessHandle.current().pid();
    try (Stream<Path> entries = Files.list(Path.of("/proc"))) {
      entries
          .map(p -> p.getFileName().toString())
          .filter(n -> n.chars().allMatch(Character::isDigit))
          .map(Long::parseLong)
          .filter(pid -> pid != self && isAlive(pid) && commandLine(pid).contains(marker))
          .forEach(found::add);
    } catch (IOException e) {
      throw new IllegalStateException("cannot list /proc", e);
    }
    return found;
  }

  /**
   * SIGTERM, then SIGKILL if the process is still alive after {@code grace}.
   *
   * @return true if the process had to be killed
   */
  public static boolean terminate(long pid, Duration grace) throws InterruptedException {
    Optional<ProcessHandle> handle = ProcessHandle.of(pid);
    if (handle.isEmpty() || !isAlive(pid)) {
      return false;
    }
    handle.get().destroy();
    if (awaitExit(pid, Deadline.after(grace))) {
      return false;
    }
    handle.get().destroyForcibly();
    awaitExit(pid, Deadline.after(Duration.ofSeconds(10)));
    return true;
  }

  /** Polls until the process is gone or a zombie; false if the deadline passed first. */
  public static boolean awaitExit(long pid, Deadline deadline) throws InterruptedException {
    while (isAlive(pid)) {
      if (deadline.expired()) {
        return false;
      }
      Thread.sleep(100);
    }
    return true;
  }

  private static OptionalLong statusField(long pid, String field) {
    Optional<String> status = read(Path.of("/proc", Long.toString(pid), "status"));
    if (status.isEmpty()) {
      return OptionalLong.empty();
    }
    for (String line : status.get().split("\n")) {
      if (line.startsWith(field)) {
        String digits = line.substring(field.length()).replaceAll("[^0-9]", "");
        return digits.isEmpty() ? OptionalLong.empty() : OptionalLong.of(Long.parseLong(digits));
      }
    }
    return OptionalLong.empty();
  }

  private static Optional<String> read(Path file) {
    try {
      return Optional.of(new String(Files.readAllBytes(file), StandardCharsets.UTF_8));
    } catch (IOException e) {
      // the process exited between listing and reading, or never existed
      return Optional.empty();
    }
  }
}
