package io.widerow.stack;

import io.widerow.stack.elasticsearch.ElasticsearchProxy;
import io.widerow.stack.elasticsearch.ElasticsearchServer;
import io.widerow.stack.hbase.HBaseServer;
import io.widerow.stack.kafka.KafkaServer;
import io.widerow.stack.mariadb.MariaDbServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The local stack of real servers for the demo, the CLI and the integration tests: MariaDB, Kafka,
 * HBase and Elasticsearch as child processes on 127.0.0.1, started and stopped in parallel. A
 * secured side runs beside the plaintext ports (see {@link SecuredEndpoints}): MariaDB's TLS,
 * Kafka's SASL_SSL listener and an nginx TLS proxy with credentials in front of Elasticsearch.
 */
public final class LocalStack {

  private static final Logger LOG = LoggerFactory.getLogger(LocalStack.class);

  private final StackConfig config;
  private final StackSecrets secrets;
  private final List<ManagedServer> servers;

  public LocalStack(StackConfig config) {
    this.config = config;
    this.secrets = new StackSecrets(config);
    StackVersions versions = StackVersions.load();
    MavenResolver maven = new MavenResolver(config.mavenRepoLocal(), versions);
    this.servers =
        List.of(
            new MariaDbServer(config, secrets),
            new KafkaServer(config, maven, secrets),
            new HBaseServer(config, maven),
            new ElasticsearchServer(config, maven, versions.elasticsearch()),
            new ElasticsearchProxy(config, secrets));
  }

  public static LocalStack fromEnvironment() {
    return new LocalStack(StackConfig.fromEnvironment());
  }

  public StackConfig config() {
    return config;
  }

  public StackEndpoints endpoints() {
    return StackEndpoints.of(config);
  }

  /**
   * Starts every server that is not running and checks the ones that are. If any fails, the servers
   * this call started are stopped again, so a failed start leaves things as they were.
   */
  public List<StartResult> up()
      throws StackStartException, java.io.IOException, InterruptedException {
    try (StackLock lock = StackLock.acquire(config.home())) {
      secrets.ensure();
      Map<ManagedServer, Object> outcomes =
          inParallel(servers, s -> () -> s.start(config.startTimeout()));
      Map<ManagedServer, Throwable> failures = new LinkedHashMap<>();
      List<StartResult> results = new ArrayList<>();
      outcomes.forEach(
          (server, outcome) -> {
            if (outcome instanceof StartResult r) {
              results.add(r);
            } else {
              failures.put(server, (Throwable) outcome);
            }
          });
      if (!failures.isEmpty()) {
        List<String> started =
            new ArrayList<>(
                results.stream().filter(r -> !r.reused()).map(StartResult::server).toList());
        failures.keySet().forEach(s -> started.add(s.name()));
        stopUnlocked(started);
        throw new StackStartException(failures);
      }
      return results;
    }
  }

  /** Each server's address, pid, health and memory; checks run in parallel. */
  public List<ServerStatus> status() throws InterruptedException {
    Map<ManagedServer, Object> outcomes = inParallel(servers, s -> () -> statusOf(s));
    return outcomes.values().stream()
        .map(o -> o instanceof ServerStatus st ? st : null)
        .filter(java.util.Objects::nonNull)
        .toList();
  }

  /** Stops every server, then any process left with a stack path on its command line. */
  public List<StopResult> down() throws Exception {
    return stop(servers.stream().map(ManagedServer::name).toList());
  }

  /** Stops the named servers (names as in {@link ManagedServer#name()}). */
  public List<StopResult> stop(Collection<String> names) throws Exception {
    try (StackLock lock = StackLock.acquire(config.home())) {
      return stopUnlocked(names);
    }
  }

  private List<StopResult> stopUnlocked(Collection<String> names) throws InterruptedException {
    List<ManagedServer> chosen = servers.stream().filter(s -> names.contains(s.name())).toList();
    Map<ManagedServer, Object> outcomes =
        inParallel(chosen, s -> () -> s.stop(config.stopTimeout()));
    List<StopResult> results = new ArrayList<>();
    for (var e : outcomes.entrySet()) {
      if (e.getValue() instanceof StopResult r) {
        results.add(r);
      } else {
        LOG.warn("{}: stop failed: {}", e.getKey().name(), e.getValue());
      }
      killLeftovers(e.getKey());
    }
    return results;
  }

  /** A launcher helper or a forked child that outlived its server would hold ports and files. */
  private void killLeftovers(ManagedServer server) throws InterruptedException {
    for (long pid : Processes.findByCommandLine(server.processMarker())) {
      LOG.warn("{}: stopping leftover process {}", server.name(), pid);
      Processes.terminate(pid, Duration.ofSeconds(10));
    }
  }

  private static ServerStatus statusOf(ManagedServer server) {
    var pid = server.runningPid();
    if (pid.isEmpty()) {
      return new ServerStatus(
          server.name(),
          server.address(),
          pid,
          false,
          java.util.OptionalLong.empty(),
          java.util.OptionalLong.empty());
    }
    long p = pid.getAsLong();
    return new ServerStatus(
        server.name(),
        server.address(),
        pid,
        server.isHealthy(),
        Processes.rssKib(p),
        Processes.peakRssKib(p));
  }

  /** Runs one task per server at once; each value is the task's result or its exception. */
  private static Map<ManagedServer, Object> inParallel(
      List<ManagedServer> servers, Function<ManagedServer, Callable<?>> task)
      throws InterruptedException {
    ExecutorService pool =
        Executors.newFixedThreadPool(
            Math.max(1, servers.size()),
            r -> {
              Thread t = new Thread(r, "widerow-stack");
              t.setDaemon(true);
              return t;
            });
    try {
      Map<ManagedServer, Future<?>> futures = new LinkedHashMap<>();
      servers.forEach(s -> futures.put(s, pool.submit(task.apply(s))));
      Map<ManagedServer, Object> outcomes = new LinkedHashMap<>();
      for (var e : futures.entrySet()) {
        try {
          outcomes.put(e.getKey(), e.getValue().get());
        } catch (ExecutionException ex) {
          outcomes.put(e.getKey(), ex.getCause());
        }
      }
      return outcomes;
    } finally {
      pool.shutdownNow();
    }
  }
}
