package io.widerow.stack;

import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs a short-lived helper command (mvn, mariadb-install-db, useradd) to completion. */
public final class ExternalCommand {

  private ExternalCommand() {}

  /**
   * Runs {@code command} in {@code workDir} with output appended to {@code log}.
   *
   * @throws IllegalStateException on a non-zero exit or timeout, with the tail of the log
   */
  public static void run(
      List<String> command, Path workDir, Map<String, String> env, Path log, Duration timeout)
      throws IOException, InterruptedException {
    ProcessBuilder pb =
        new ProcessBuilder(command)
            .directory(workDir.toFile())
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
            .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
    pb.environment().putAll(env);
    Process process;
    try {
      process = pb.start();
    } catch (IOException e) {
      throw new IllegalStateException("cannot run " + command.get(0) + ": " + e.getMessage(), e);
    }
    if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
      process.destroyForcibly();
      throw new IllegalStateException(
          String.join(" ", command)
              + " did not finish within "
              + timeout.toSeconds()
              + " s"
              + LogTail.describe(List.of(log), 20));
    }
    if (process.exitValue() != 0) {
      throw new IllegalStateException(
          String.join(" ", command)
              + " exited with "
              + process.exitValue()
              + LogTail.describe(List.of(log), 20));
    }
  }

  /** Runs a command for its exit status only, output discarded. */
  public static boolean succeeds(List<String> command) throws InterruptedException {
    try {
      Process p =
          new ProcessBuilder(command)
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.DISCARD)
              .start();
      return p.waitFor() == 0;
    } catch (IOException e) {
      return false;
    }
  }

  /** The first executable named {@code name} on PATH or in the sbin directories. */
  public static java.util.Optional<Path> which(String name) {
    String path = System.getenv().getOrDefault("PATH", "");
    List<String> dirs = new java.util.ArrayList<>(List.of(path.split(File.pathSeparator)));
    // Server binaries live in sbin, which a non-root PATH often lacks.
    dirs.addAll(List.of("/usr/sbin", "/usr/local/sbin", "/sbin"));
    return dirs.stream()
        .filter(d -> !d.isEmpty())
        .map(d -> Path.of(d, name))
        .filter(p -> p.toFile().canExecute())
        .findFirst();
  }
}
