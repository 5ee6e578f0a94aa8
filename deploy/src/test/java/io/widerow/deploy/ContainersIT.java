package io.widerow.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.widerow.stack.RenamedDemo;
import io.widerow.stack.StackEndpoints;
import io.widerow.testkit.DemoPipelines;
import io.widerow.testkit.EsRest;
import io.widerow.testkit.LocalStackExtension;
import io.widerow.workload.DemoSchema;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The image built by the {@code image} profile runs the three services as podman containers against
 * the local stack ({@code --network host}): a row written to MariaDB becomes a searchable document.
 * Each container gets the pipeline file and the CDC password mounted, a memory limit from the
 * measured RSS, and runs as the image's non-root user.
 */
@ExtendWith(LocalStackExtension.class)
class ContainersIT {

  private static final Duration PATIENCE = Duration.ofSeconds(180);
  private static final Path WORK = Path.of("target", "containers");

  /** Container memory limits, as in the Kubernetes manifests (README "Container image"). */
  private static final Map<String, String> MEMORY =
      Map.of("ingest", "768m", "merger", "512m", "indexer", "768m");

  private static String name;
  private static DemoSchema schema;
  private static Connection db;
  private static final Map<String, Integer> ADMIN_PORTS = new LinkedHashMap<>();
  private static final List<String> STARTED = new ArrayList<>();

  @BeforeAll
  static void start(StackEndpoints stack) throws Exception {
    Optional<String> why = Podman.unavailable();
    Assumptions.assumeTrue(why.isEmpty(), () -> "skipped: " + why.orElseThrow());
    Path tar = Path.of(System.getProperty("widerow.image.tar", "target/widerow-image.tar"));
    Assumptions.assumeTrue(
        Files.isRegularFile(tar), "skipped: no image at " + tar + " (build it with -Pimage)");
    String image = System.getProperty("widerow.image.name");
    Podman.check(WORK, 600, "load", "-i", tar.toAbsolutePath().toString());

    name = DemoPipelines.uniqueName("ctr");
    schema = DemoPipelines.schema(name);
    db =
        DriverManager.getConnection(
            stack.mariadbJdbcUrl(), stack.mariadbRootUser(), stack.mariadbRootPassword());
    schema.create(db);
    insertOrder(0, "CREATED"); // before ingest starts: arrives through the snapshot

    Path config = Files.createDirectories(WORK.resolve(name)).toAbsolutePath();
    long serverId = 10_000 + ThreadLocalRandom.current().nextInt(1_000_000);
    Path pipelineFile = config.resolve("pipeline.yaml");
    Files.writeString(pipelineFile, RenamedDemo.yaml(name, "widerow_it", "ctr", serverId));
    Path secrets = Files.createDirectories(config.resolve("secrets"));
    Files.writeString(secrets.resolve("WIDEROW_CDC_PASSWORD"), stack.cdcPassword());
    // The containers run as uid 10001, not the owner of these files.
    for (Path p : List.of(config, secrets)) {
      Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
    }
    for (Path p : List.of(pipelineFile, secrets.resolve("WIDEROW_CDC_PASSWORD"))) {
      Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rw-r--r--"));
    }

    for (String service : List.of("ingest", "merger", "indexer")) {
      int port = freePort();
      ADMIN_PORTS.put(service, port);
      String container = name + "-" + service;
      List<String> args = new ArrayList<>(List.of("run", "-d", "--name", container));
      args.addAll(List.of("--network", "host", "--memory", MEMORY.get(service)));
      args.addAll(Podman.ULIMITS);
      args.addAll(
          List.of(
              "-v",
              pipelineFile + ":/etc/widerow/pipeline.yaml:ro",
              "-v",
              secrets + ":/etc/widerow/secrets:ro",
              "-e",
              "WIDEROW_MARIADB_HOST=" + stack.mariadbHost(),
              "-e",
              "WIDEROW_MARIADB_PORT=" + stack.mariadbPort(),
              "-e",
              "WIDEROW_HBASE_ZOOKEEPER=" + stack.hbaseZookeeperQuorum(),
              "-e",
              "WIDEROW_KAFKA_BOOTSTRAP=" + stack.kafkaBootstrap(),
              "-e",
              "WIDEROW_ELASTICSEARCH_URL=" + stack.elasticsearchUrl(),
              image,
              service,
              "--pipeline",
              "/etc/widerow/pipeline.yaml",
              "--admin-port",
              String.valueOf(port)));
      Podman.check(WORK, 120, args.toArray(String[]::new));
      STARTED.add(container);
    }
  }

  @AfterAll
  static void stop() throws Exception {
    for (String container : STARTED) {
      // Kept for whoever reads a failure: target/containers/<container>.log
      Podman.Result logs = Podman.run(WORK, 60, "logs", container);
      Files.writeString(WORK.resolve(container + ".log"), logs.output());
      Podman.run(WORK, 120, "rm", "-f", "-t", "10", container);
    }
    if (db != null) {
      schema.drop(db);
      db.close();
    }
  }

  @Test
  void aRowFlowsThroughTheThreeContainersToASearchableDocument(StackEndpoints stack)
      throws Exception {
    ADMIN_PORTS.forEach(
        (service, port) ->
            await(service + " healthy on its admin port " + port)
                .atMost(PATIENCE)
                .failFast(
                    service + "'s container stopped (its log: target/containers)",
                    () -> !running(name + "-" + service))
                .pollInterval(Duration.ofSeconds(1))
                .ignoreExceptions()
                .until(() -> status("http://127.0.0.1:" + port + "/health") == 200));

    EsRest es = new EsRest(stack.elasticsearchUrl());
    String snapshotted = DemoSchema.orderId(0);
    await("the snapshotted order searchable")
        .atMost(PATIENCE)
        .pollInterval(Duration.ofSeconds(1))
        .ignoreExceptions()
        .until(() -> es.count(name, "order_id:\"" + snapshotted + "\" AND status:CREATED") == 1);

    insertOrder(1, "PAID"); // after start: arrives through the binlog
    String streamed = DemoSchema.orderId(1);
    await("the streamed order searchable")
        .atMost(PATIENCE)
        .pollInterval(Duration.ofSeconds(1))
        .ignoreExceptions()
        .until(() -> es.count(name, "order_id:\"" + streamed + "\" AND status:PAID") == 1);

    for (String container : STARTED) {
      assertThat(Podman.check(WORK, 60, "exec", container, "id", "-u"))
          .as(container + " runs as the image's non-root user")
          .isEqualTo("10001");
      assertThat(Podman.check(WORK, 60, "exec", container, "cat", "/proc/1/cmdline"))
          .as(container + ": the heap is a share of the container's memory limit")
          .contains("-XX:MaxRAMPercentage=60");
    }
  }

  private static boolean running(String container) throws IOException {
    return Podman.check(WORK, 60, "inspect", "-f", "{{.State.Running}}", container).equals("true");
  }

  private static int status(String url) throws IOException, InterruptedException {
    return HttpClient.newHttpClient()
        .send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString())
        .statusCode();
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  private static void insertOrder(long no, String status) throws SQLException {
    String table = schema.shardedTable(no, "orders");
    try (PreparedStatement ps =
        db.prepareStatement(
            "INSERT INTO "
                + table
                + " (order_id, user_id, status, total, currency, created_at, updated_at, version)"
                + " VALUES (?, ?, ?, 20.00, 'EUR', NOW(3), NOW(3), 1)")) {
      ps.setString(1, DemoSchema.orderId(no));
      ps.setLong(2, 1000 + no);
      ps.setString(3, status);
      ps.executeUpdate();
    }
  }
}
