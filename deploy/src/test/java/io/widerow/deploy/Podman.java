package io.widerow.deploy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Debian's podman, as these machines can run it: the {@code runc} runtime (the default {@code crun}
 * refuses the sandbox's hybrid cgroups) and rlimits no higher than the current ones (raising them
 * is refused). See README "Container image".
 */
final class Podman {

  /** Limits a container may have here: at or below this sandbox's own. */
  static final List<String> ULIMITS =
      List.of("--ulimit", "nofile=4096:4096", "--ulimit", "nproc=4096:4096");

  private Podman() {}

  /** Why podman cannot be used, or empty when it can. */
  static Optional<String> unavailable() {
    try {
      Result version = run(Path.of("target"), 60, "version", "--format", "{{.Client.Version}}");
      return version.ok()
          ? Optional.empty()
          : Optional.of("podman does not answer: " + version.output());
    } catch (IOException e) {
      return Optional.of(
          "podman is not installed (./widerow image installs it with apt-get install podman runc"
              + " debootstrap): "
              + e.getMessage());
    }
  }

  /** Runs {@code podman --runtime runc ARGS} and waits at most {@code timeoutSeconds}. */
  static Result run(Path workDir, long timeoutSeconds, String... args) throws IOException {
    List<String> command = new ArrayList<>(List.of("podman", "--runtime", "runc"));
    command.addAll(List.of(args));
    Files.createDirectories(workDir);
    Path out = Files.createTempFile(workDir, "podman", ".out");
    Process p =
        new ProcessBuilder(command)
            .directory(workDir.toFile())
            .redirectErrorStream(true)
            .redirectOutput(out.toFile())
            .start();
    try {
      if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new IOException(String.join(" ", command) + ": no answer in " + timeoutSeconds + "s");
      }
    } catch (InterruptedException e) {
      p.destroyForcibly();
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    }
    String output = Files.readString(out, StandardCharsets.UTF_8).strip();
    Files.delete(out);
    return new Result(p.exitValue(), output);
  }

  /** Like {@link #run} but fails unless podman exits 0; returns its output. */
  static String check(Path workDir, long timeoutSeconds, String... args) throws IOException {
    Result r = run(workDir, timeoutSeconds, args);
    if (!r.ok()) {
      throw new IOException(
          "podman " + String.join(" ", args) + " exited " + r.exit() + ": " + r.output());
    }
    return r.output();
  }

  record Result(int exit, String output) {
    boolean ok() {
      return exit == 0;
    }
  }
}
