package io.widerow.bench;

import io.widerow.stack.Deadline;
import io.widerow.stack.Processes;
import io.widerow.stack.ServiceLaunch;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Ingest, merger and indexer each in a JVM of its own, started the way {@code ./widerow} starts
 * them (same main class, same heap caps), so that each one's peak RSS can be read as a cluster
 * would see it. Logs go next to the bench report.
 */
final class ServiceProcesses implements AutoCloseable {

  /** The heap caps {@code ./widerow} gives each service. */
  static final Map<String, String> HEAP =
      Map.of("ingest", "-Xmx512m", "merger", "-Xmx256m", "indexer", "-Xmx512m");

  static final List<String> SERVICES = List.of("ingest", "merger", "indexer");
  private static final Pattern ADMIN_PORT = Pattern.compile("admin on http://[^:/]+:(\\d+)/health");
  private static final Duration START_TIMEOUT = Duration.ofSeconds(90);

  private final Map<String, Process> processes = new LinkedHashMap<>();
  private final Map<String, Path> logs = new LinkedHashMap<>();

  /**
   * Starts the three services on {@code pipelineFile} and waits until each has logged that it runs.
   *
   * @param environment added to this process's environment: addresses and the CDC password
   */
  static ServiceProcesses start(Path pipelineFile, Map<String, String> environment, Path logPrefix)
      throws IOException, InterruptedException {
    ServiceProcesses started = launch(pipelineFile, environment, logPrefix);
    try {
      started.awaitRunning();
    } catch (IOException | InterruptedException | RuntimeException e) {
      started.close();
      throw e;
    }
    return started;
  }

  /**
   * Starts the three JVMs and returns at once, as a cluster would launch them: the backfill clock
   * of {@code --workload reference} starts here.
   */
  static ServiceProcesses launch(Path pipelineFile, Map<String, String> environment, Path logPrefix)
      throws IOException, InterruptedException {
    ServiceProcesses started = new ServiceProcesses();
    try {
      for (String service : SERVICES) {
        Path log = Path.of(logPrefix + "-" + service + ".log");
        ProcessBuilder builder =
            new ProcessBuilder(command(service, pipelineFile)).redirectErrorStream(true);
        builder.redirectOutput(log.toFile());
        builder.environment().putAll(environment);
        started.processes.put(service, builder.start());
        started.logs.put(service, log);
      }
    } catch (IOException | RuntimeException e) {
      started.close();
      throw e;
    }
    return started;
  }

  /** Whether every service has logged that it runs; does not wait. */
  boolean allRunning() throws IOException {
    for (String service : SERVICES) {
      if (!logText(service).contains(" running: ")) {
        return false;
      }
    }
    return true;
  }

  /** Each service's pid. */
  Map<String, Long> pids() {
    Map<String, Long> pids = new LinkedHashMap<>();
    processes.forEach((service, process) -> pids.put(service, process.pid()));
    return pids;
  }

  /**
   * The admin port a service logged ("admin on http://host:port/health"), once it has; empty
   * before.
   */
  OptionalInt adminPort(String service) throws IOException {
    Matcher m = ADMIN_PORT.matcher(logText(service));
    return m.find() ? OptionalInt.of(Integer.parseInt(m.group(1))) : OptionalInt.empty();
  }

  private static List<String> command(String service, Path pipelineFile) {
    List<String> command = new ArrayList<>();
    command.add(ProcessHandle.current().info().command().orElse("java"));
    command.add(HEAP.get(service));
    command.addAll(ServiceLaunch.ADD_OPENS);
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.addAll(ServiceLaunch.arguments(service, pipelineFile));
    return command;
  }

  /** What each service logs once it has started (see IngestService, MergerService, ...). */
  private void awaitRunning() throws IOException, InterruptedException {
    Deadline deadline = Deadline.after(START_TIMEOUT);
    for (String service : SERVICES) {
      while (!logText(service).contains(" running: ")) {
        requireAlive();
        if (deadline.expired()) {
          throw new IllegalStateException(
              service
                  + " did not start within "
                  + START_TIMEOUT.toSeconds()
                  + " s; "
                  + tail(service));
        }
        TimeUnit.MILLISECONDS.sleep(200);
      }
    }
  }

  /** Throws, naming the service and the end of its log, when one has exited. */
  void requireAlive() throws IOException {
    for (var e : processes.entrySet()) {
      if (!e.getValue().isAlive()) {
        throw new IllegalStateException(
            e.getKey() + " exited with " + e.getValue().exitValue() + "; " + tail(e.getKey()));
      }
    }
  }

  /** Each service's peak RSS so far in MiB ({@code VmHWM}), or null where unknown. */
  Map<String, Long> peakRssMiB() {
    Map<String, Long> peaks = new LinkedHashMap<>();
    processes.forEach(
        (service, process) -> {
          OptionalLong kib = Processes.peakRssKib(process.pid());
          peaks.put(service, kib.isPresent() ? kib.getAsLong() / 1024 : null);
        });
    return peaks;
  }

  private String logText(String service) throws IOException {
    Path log = logs.get(service);
    return Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
  }

  private String tail(String service) throws IOException {
    List<String> lines = List.of(logText(service).split("\n"));
    return "last lines of "
        + logs.get(service)
        + ":\n"
        + String.join("\n", lines.subList(Math.max(0, lines.size() - 15), lines.size()));
  }

  /** SIGTERM, as a cluster stops a service; SIGKILL for one still running after 30 s. */
  @Override
  public void close() throws InterruptedException {
    processes.values().forEach(Process::destroy);
    for (Process p : processes.values()) {
      if (!p.waitFor(30, TimeUnit.SECONDS)) {
        p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    }
  }
}
