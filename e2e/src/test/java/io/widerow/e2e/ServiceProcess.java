package io.widerow.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.widerow.stack.ServiceLaunch;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One widerow service ({@code widerow ingest|merger|indexer|query}) as its own JVM, the way a
 * cluster runs it, so that {@link #kill9()} is a real SIGKILL of the whole process. Each start is a
 * new incarnation with its own log file; the metrics each incarnation reported last are added up,
 * so the counts survive the kills (up to the last sample before a kill). Shared by the crash and
 * the cluster tests; started with the options {@code ./widerow} passes ({@link ServiceLaunch}).
 */
final class ServiceProcess implements AutoCloseable {

  /** What {@code ServiceMain} logs once the admin port is open; 0 asks for any free port. */
  private static final Pattern ADMIN_PORT = Pattern.compile("admin on http://[^:/]+:(\\d+)/health");

  /** What ingest, merger, indexer and query log once started. */
  private static final Pattern RUNNING =
      Pattern.compile("(ingest of pipeline \\S+|merger|indexer|query) running: ");

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();

  private final String name;
  private final String service;
  private final List<String> options;
  private final List<String> javaCommand;
  private final Map<String, String> environment;
  private final Path pipelineFile;
  private final Path logDir;
  private final Map<String, Long> finishedTotals = new HashMap<>();
  private final List<String> deaths = new ArrayList<>();
  private Map<String, Long> lastSample = Map.of();
  private Process process;
  private Path log;
  private int adminPort = -1;
  private boolean up;
  private int incarnations;
  private int kills;

  /**
   * @param javaCommand the java binary, JVM options and {@code -cp CLASSPATH}
   * @param environment added to the inherited environment (addresses, the CDC password)
   */
  ServiceProcess(
      String service,
      List<String> javaCommand,
      Map<String, String> environment,
      Path pipelineFile,
      Path logDir) {
    this(service, service, List.of(), javaCommand, environment, pipelineFile, logDir);
  }

  /**
   * @param name this instance among the service's, for its log files ({@code merger-1})
   * @param options the service's own options ({@code --source eu}, {@code --instance-id m1})
   */
  ServiceProcess(
      String name,
      String service,
      List<String> options,
      List<String> javaCommand,
      Map<String, String> environment,
      Path pipelineFile,
      Path logDir) {
    this.name = name;
    this.service = service;
    this.options = List.copyOf(options);
    this.javaCommand = List.copyOf(javaCommand);
    this.environment = Map.copyOf(environment);
    this.pipelineFile = pipelineFile;
    this.logDir = logDir;
  }

  String name() {
    return name;
  }

  String service() {
    return service;
  }

  synchronized void start() throws IOException {
    incarnations++;
    log = logDir.resolve(name + "-" + incarnations + ".log");
    List<String> command = new ArrayList<>(javaCommand);
    command.addAll(ServiceLaunch.arguments(service, pipelineFile, options));
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.redirectOutput(log.toFile());
    builder.environment().putAll(environment);
    process = builder.start();
    adminPort = -1;
    up = false;
  }

  synchronized boolean isRunning() {
    return process != null && process.isAlive();
  }

  /** The exit code of an incarnation that ended without being killed; empty while it runs. */
  synchronized OptionalInt endedOnItsOwn() {
    if (process == null || process.isAlive()) {
      return OptionalInt.empty();
    }
    return OptionalInt.of(process.exitValue());
  }

  /** Notes how the last incarnation ended, so a restart does not lose its counts. */
  synchronized void recordDeath(String when) {
    int code = process.exitValue();
    deaths.add(name + "-" + incarnations + " exited with " + code + " " + when);
    retire();
  }

  /** SIGKILL (Process.destroyForcibly on Linux): no shutdown hook, no flush, no offset commit. */
  synchronized void kill9() throws InterruptedException {
    sample();
    process.destroyForcibly();
    if (!process.waitFor(30, TimeUnit.SECONDS)) {
      throw new IllegalStateException(name + " did not die within 30 s of SIGKILL");
    }
    kills++;
    retire();
  }

  /** Reads the incarnation's counters from its admin port; quietly skipped while it starts. */
  synchronized void sample() {
    if (!isRunning()) {
      return;
    }
    try {
      if (adminPort < 0) {
        adminPort = findAdminPort();
      }
      if (adminPort > 0) {
        lastSample = counts(adminPort);
      }
    } catch (IOException | RuntimeException e) {
      // not up yet, or going down: the previous sample stands
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /**
   * Whether this incarnation has started its work: its entry class logs "... running" once its
   * clients are open and its loop or CDC engine has started, which takes 10-60 s on a loaded box.
   */
  synchronized boolean isUp() throws IOException {
    if (!up && isRunning() && Files.exists(log)) {
      up = RUNNING.matcher(Files.readString(log)).find();
    }
    return up && isRunning();
  }

  /** A meter's or counter's count summed over every incarnation so far. */
  synchronized long total(String metric) {
    return finishedTotals.getOrDefault(metric, 0L) + lastSample.getOrDefault(metric, 0L);
  }

  synchronized int kills() {
    return kills;
  }

  /** Starts after the first one: restarts after kills and after deaths on its own. */
  synchronized int restarts() {
    return Math.max(0, incarnations - 1);
  }

  synchronized List<String> deaths() {
    return List.copyOf(deaths);
  }

  synchronized Path log() {
    return log;
  }

  /** Whether this incarnation's log holds {@code text} yet. */
  synchronized boolean logContains(String text) throws IOException {
    return log != null && Files.exists(log) && Files.readString(log).contains(text);
  }

  /** Stops the last incarnation with SIGTERM, as an operator would; SIGKILL if it hangs. */
  @Override
  public synchronized void close() throws InterruptedException {
    if (isRunning()) {
      sample();
      process.destroy();
      if (!process.waitFor(40, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    }
  }

  private void retire() {
    lastSample.forEach((k, v) -> finishedTotals.merge(k, v, Long::sum));
    lastSample = Map.of();
    adminPort = -1;
  }

  private int findAdminPort() throws IOException {
    if (!Files.exists(log)) {
      return -1;
    }
    Matcher m = ADMIN_PORT.matcher(Files.readString(log));
    return m.find() ? Integer.parseInt(m.group(1)) : -1;
  }

  /** Every meter's and counter's count from {@code /metrics}. */
  private static Map<String, Long> counts(int port) throws IOException, InterruptedException {
    HttpResponse<String> r =
        HTTP.send(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics"))
                .timeout(Duration.ofSeconds(5))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    if (r.statusCode() != 200) {
      throw new IOException("GET /metrics: " + r.statusCode());
    }
    JsonNode body = JSON.readTree(r.body());
    Map<String, Long> counts = new HashMap<>();
    for (String kind : List.of("meters", "counters")) {
      body.path(kind)
          .fields()
          .forEachRemaining(e -> counts.put(e.getKey(), e.getValue().path("count").asLong()));
    }
    return counts;
  }
}
