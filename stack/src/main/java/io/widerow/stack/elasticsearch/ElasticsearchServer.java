package io.widerow.stack.elasticsearch;

import io.widerow.stack.Deadline;
import io.widerow.stack.ExternalCommand;
import io.widerow.stack.ForkedServer;
import io.widerow.stack.MavenResolver;
import io.widerow.stack.OsUser;
import io.widerow.stack.StackConfig;
import io.widerow.stack.StackEndpoints;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A single-node Elasticsearch without security. Elasticsearch refuses to run as root and has no
 * override, so as root it runs as a system user that owns its config, data and logs.
 */
public final class ElasticsearchServer extends ForkedServer {

  static final String SYSTEM_USER = "widerow-es";

  private static final Logger LOG = LoggerFactory.getLogger(ElasticsearchServer.class);

  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  private final ElasticsearchDistribution distribution;

  public ElasticsearchServer(StackConfig config, MavenResolver maven, String version) {
    super("elasticsearch", config);
    this.distribution = new ElasticsearchDistribution(maven, version, dir);
  }

  @Override
  public String address() {
    return "http://" + StackEndpoints.HOST + ":" + config.elasticsearchPort();
  }

  @Override
  public List<Path> logFiles() {
    return List.of(
        dir.resolve("logs/widerow.log"),
        dir.resolve("launch.log"),
        dir.resolve("download/fetch.log"));
  }

  @Override
  protected Path pidFile() {
    // Written by Elasticsearch itself (-p): the launcher's own process exits after start-up.
    return dir.resolve("run/es.pid");
  }

  @Override
  protected List<Integer> ports() {
    return List.of(config.elasticsearchPort(), transportPort());
  }

  @Override
  protected void prepare() throws Exception {
    Path home = distribution.ensureUnpacked();
    for (String sub : List.of("config", "data", "logs", "tmp", "run")) {
      Files.createDirectories(dir.resolve(sub));
    }
    if (!Files.exists(dir.resolve("config/jvm.options"))) {
      try (var files = Files.list(home.resolve("config"))) {
        for (Path f : files.toList()) {
          Files.copy(f, dir.resolve("config").resolve(f.getFileName()));
        }
      }
    }
    Files.writeString(dir.resolve("config/elasticsearch.yml"), elasticsearchYml());
    if (OsUser.isRoot()) {
      ensureSystemUserOwnsFiles();
    }
  }

  @Override
  protected long launch(Duration timeout) throws Exception {
    Path launchLog = dir.resolve("launch.log");
    rotate(launchLog);
    Map<String, String> env = new LinkedHashMap<>();
    env.put("ES_JAVA_HOME", config.javaHome().toString());
    env.put("ES_PATH_CONF", dir.resolve("config").toString());
    env.put("ES_TMPDIR", dir.resolve("tmp").toString());
    env.put("CLI_JAVA_OPTS", "-Djava.io.tmpdir=" + dir.resolve("tmp"));
    env.put("ES_JAVA_OPTS", "-Xms512m -Xmx512m");
    // setsid: a Ctrl-C in the terminal must not reach the server; -d: the launcher returns once
    // the node has started and leaves it running with its pid in the -p file.
    List<String> cmd = new ArrayList<>(List.of("setsid"));
    if (OsUser.isRoot()) {
      cmd.addAll(List.of("runuser", "-u", SYSTEM_USER, "--", "env"));
      env.forEach((k, v) -> cmd.add(k + "=" + v));
    }
    cmd.add(distribution.home().resolve("bin/elasticsearch").toString());
    cmd.addAll(List.of("-d", "-p", pidFile().toString()));
    ExternalCommand.run(cmd, dir, env, launchLog, timeout);
    Deadline.after(Duration.ofSeconds(10))
        .await(
            "Elasticsearch writing " + pidFile(),
            Duration.ofMillis(100),
            () -> {},
            () -> runningPid().isPresent());
    return runningPid().getAsLong();
  }

  @Override
  protected void awaitReady(Deadline deadline, long pid) throws Exception {
    deadline.await(
        "Elasticsearch cluster health yellow at " + address(),
        Duration.ofMillis(500),
        whileAlive(pid),
        this::isYellow);
  }

  @Override
  public boolean isHealthy() {
    try {
      return isYellow();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    } catch (Exception e) {
      return false;
    }
  }

  /** This distribution has no {@code GET /} (405): cluster health is what says it serves. */
  private boolean isYellow() throws Exception {
    HttpRequest request =
        HttpRequest.newBuilder(
                URI.create(address() + "/_cluster/health?wait_for_status=yellow&timeout=1s"))
            .timeout(Duration.ofSeconds(5))
            .GET()
            .build();
    HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    return response.statusCode() == 200 && response.body().contains("\"timed_out\":false");
  }

  private int transportPort() {
    // Pinned next to the HTTP port rather than the default 9300, which other tools use.
    return config.elasticsearchPort() + 100;
  }

  private String elasticsearchYml() {
    return String.join(
        "\n",
        "# Written by the widerow stack launcher at every start; edits are lost.",
        "cluster.name: widerow",
        "node.name: widerow-node",
        "network.host: " + StackEndpoints.HOST,
        "http.port: " + config.elasticsearchPort(),
        "transport.port: " + transportPort(),
        "discovery.type: single-node",
        "xpack.security.enabled: false",
        "path.data: " + dir.resolve("data"),
        "path.logs: " + dir.resolve("logs"),
        // Disk watermarks would make a nearly full dev disk turn indices read-only.
        "cluster.routing.allocation.disk.threshold_enabled: false",
        "");
  }

  private void ensureSystemUserOwnsFiles() throws Exception {
    Path log = dir.resolve("setup.log");
    if (!ExternalCommand.succeeds(List.of("id", "-u", SYSTEM_USER))) {
      ExternalCommand.run(
          List.of(
              "useradd",
              "--system",
              "--no-create-home",
              "--home-dir",
              dir.toString(),
              "--shell",
              "/usr/sbin/nologin",
              SYSTEM_USER),
          dir,
          Map.of(),
          log,
          Duration.ofMinutes(1));
    }
    List<String> chown = new ArrayList<>(List.of("chown", "-R", SYSTEM_USER + ":" + SYSTEM_USER));
    for (String sub : List.of("config", "data", "logs", "tmp", "run")) {
      chown.add(dir.resolve(sub).toString());
    }
    ExternalCommand.run(chown, dir, Map.of(), log, Duration.ofMinutes(1));
    // The working directory too: jvm.options writes gc logs and heap dumps relative to it.
    ExternalCommand.run(
        List.of("chown", SYSTEM_USER + ":" + SYSTEM_USER, dir.toString()),
        dir,
        Map.of(),
        log,
        Duration.ofMinutes(1));
  }
}
