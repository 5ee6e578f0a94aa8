package io.widerow.bench;

import io.widerow.stack.ServiceLaunch;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code widerow verify --pipeline FILE} after a run, as an operator would run it, in a JVM of its
 * own with the services' environment: every entity of the source compared with HBase and the index.
 * Its output goes to a log beside the report.
 */
final class VerifyRun {

  /** What verify found. {@code exitCode} 0: no differences; 1: differences; else it failed. */
  record Outcome(long entities, long differences, int exitCode, String log) {}

  private static final Pattern SUMMARY =
      Pattern.compile("summary: entities=(\\d+) differences=(\\d+)");
  private static final Duration TIMEOUT = Duration.ofMinutes(20);

  private VerifyRun() {}

  static Outcome run(Path pipelineFile, Map<String, String> environment, Path log)
      throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(ProcessHandle.current().info().command().orElse("java"));
    command.add("-Xmx512m");
    command.addAll(ServiceLaunch.ADD_OPENS);
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.addAll(
        List.of(ServiceLaunch.WIDEROW_MAIN, "verify", "--pipeline", pipelineFile.toString()));
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.redirectOutput(log.toFile());
    builder.environment().putAll(environment);
    Process p = builder.start();
    if (!p.waitFor(TIMEOUT.toMinutes(), TimeUnit.MINUTES)) {
      p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      throw new IllegalStateException(
          "verify did not finish within " + TIMEOUT.toMinutes() + " min; see " + log);
    }
    return parse(Files.readString(log, StandardCharsets.UTF_8), p.exitValue(), log.toString());
  }

  /** The counts of verify's summary line; -1 where it printed none. */
  static Outcome parse(String output, int exitCode, String log) {
    Matcher m = SUMMARY.matcher(output);
    long entities = -1;
    long differences = -1;
    while (m.find()) {
      entities = Long.parseLong(m.group(1));
      differences = Long.parseLong(m.group(2));
    }
    return new Outcome(entities, differences, exitCode, log);
  }
}
