package io.widerow.e2e;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.widerow.core.index.IndexLayout;
import io.widerow.core.pipeline.Pipeline;
import io.widerow.core.pipeline.PipelineLoader;
import io.widerow.stack.Deadline;
import io.widerow.stack.PipelineFiles;
import io.widerow.stack.StackEndpoints;
import io.widerow.testkit.DemoPipelines;
import io.widerow.testkit.EsRest;
import io.widerow.testkit.HBaseTables;
import io.widerow.testkit.LocalStackExtension;
import io.widerow.testkit.TopicProgress;
import io.widerow.workload.DemoSchema;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * How merging and indexing scale with instances: the same backfill (orders preloaded in the source,
 * one row each) through one ingest and 1 or 2 mergers and 1 or 2 indexers, each its own JVM with
 * {@value #WORKERS} consumers, as pods with a fixed worker count would be. The snapshot holds its
 * keys and publishes them in one burst at its end, so the clock starts at a full changes topic and
 * measures the merger (until its group committed every key) and merger plus indexer (until the
 * index counts every order) alone. A measurement, not a check: opt-in with {@code
 * -Dwiderow.scale=true}; {@code widerow.scale.orders} (100000), {@code widerow.scale.shapes}
 * ({@code 1x1,2x1,1x2,2x2}, mergers x indexers).
 */
@ExtendWith(LocalStackExtension.class)
@EnabledIfSystemProperty(
    named = "widerow.scale",
    matches = "true",
    disabledReason = "a measurement: run with -Dwiderow.scale=true")
class ScaleIT {

  /** Consumers per merger and indexer process. */
  static final int WORKERS = 2;

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  record Run(int mergers, int indexers, int orders, Duration merged, Duration indexed) {
    double mergedPerSecond() {
      return orders / (merged.toMillis() / 1e3);
    }

    double indexedPerSecond() {
      return orders / (indexed.toMillis() / 1e3);
    }

    @Override
    public String toString() {
      return String.format(
          "%d merger(s) x %d indexer(s): merged %,d keys in %.1f s (%,.0f/s, %,.0f/s per merger);"
              + " indexed in %.1f s (%,.0f/s, %,.0f/s per indexer)",
          mergers,
          indexers,
          orders,
          merged.toMillis() / 1e3,
          mergedPerSecond(),
          mergedPerSecond() / mergers,
          indexed.toMillis() / 1e3,
          indexedPerSecond(),
          indexedPerSecond() / indexers);
    }
  }

  @Test
  void indexingThroughputWithOneAndTwoMergersAndIndexers(StackEndpoints stack) throws Exception {
    int orders = Integer.getInteger("widerow.scale.orders", 100_000);
    List<Run> runs = new ArrayList<>();
    for (String shape : System.getProperty("widerow.scale.shapes", "1x1,2x1,1x2,2x2").split(",")) {
      String[] mi = shape.trim().split("x");
      Run run = run(stack, Integer.parseInt(mi[0]), Integer.parseInt(mi[1]), orders);
      System.out.println("scale: " + run);
      runs.add(run);
    }
    System.out.printf(
        "scale: %,d orders, %d consumers per process, on %d cores%n",
        orders, WORKERS, Runtime.getRuntime().availableProcessors());
    runs.forEach(r -> System.out.println("  " + r));
  }

  private Run run(StackEndpoints stack, int mergers, int indexers, int orders) throws Exception {
    String name = DemoPipelines.uniqueName("scale");
    DemoSchema schema = DemoPipelines.schema(name);
    Path dir = Files.createTempDirectory("widerow-" + name + "-");
    try (Connection db = root(stack)) {
      schema.create(db);
      preload(db, schema, orders);
    }
    Path file = dir.resolve("pipeline.yaml");
    String yaml = CrashPipeline.yaml(name);
    Files.writeString(file, yaml);
    Pipeline pipeline =
        PipelineLoader.parse(yaml, file.toString(), PipelineFiles.environment(stack));
    Map<String, String> env = new java.util.HashMap<>(CrashPipeline.environment(stack));
    env.put("WIDEROW_KAFKA_WORKERS", String.valueOf(WORKERS));
    List<String> java =
        CrashPipeline.javaCommand(Files.createDirectories(dir.resolve("classpath")));
    List<ServiceProcess> processes = new ArrayList<>();
    for (int i = 1; i <= indexers; i++) {
      processes.add(service("indexer-" + i, "indexer", java, env, file, dir));
    }
    for (int i = 1; i <= mergers; i++) {
      processes.add(service("merger-" + i, "merger", java, env, file, dir));
    }
    ServiceProcess ingest = new ServiceProcess("ingest", "ingest", List.of(), java, env, file, dir);
    processes.add(ingest);
    try (TopicProgress progress = new TopicProgress(pipeline)) {
      for (ServiceProcess p : processes) {
        p.start();
      }
      for (ServiceProcess p : processes) {
        Deadline.after(Duration.ofMinutes(5))
            .await(p.name() + " running", Duration.ofMillis(200), () -> {}, p::isUp);
      }
      Deadline.after(Duration.ofMinutes(5))
          .await(
              "the snapshot's keys published",
              Duration.ofMillis(100),
              () -> {},
              () -> progress.snapshot().changes() >= orders);
      long t0 = System.nanoTime();
      long[] merged = {0};
      Deadline.after(Duration.ofMinutes(10))
          .await(
              "every order indexed",
              Duration.ofMillis(250),
              () -> requireAlive(processes),
              () -> {
                TopicProgress.Snapshot now = progress.snapshot();
                if (merged[0] == 0 && now.mergerCommitted() >= now.changes()) {
                  merged[0] = System.nanoTime();
                }
                return merged[0] != 0 && count(stack, name) >= orders;
              });
      long indexed = System.nanoTime();
      return new Run(
          mergers,
          indexers,
          orders,
          Duration.ofNanos(merged[0] - t0),
          Duration.ofNanos(indexed - t0));
    } finally {
      for (ServiceProcess p : processes) {
        p.close();
      }
      HBaseTables.drop(pipeline.hbase());
      new EsRest(stack.elasticsearchUrl())
          .deleteIndex(
              IndexLayout.physicalIndex(pipeline.elasticsearch(), IndexLayout.FIRST_GENERATION));
      try (Connection db = root(stack)) {
        schema.drop(db);
      }
      try (var files = Files.walk(dir)) {
        files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  private static ServiceProcess service(
      String id, String stage, List<String> java, Map<String, String> env, Path file, Path dir) {
    return new ServiceProcess(id, stage, List.of("--instance-id", id), java, env, file, dir);
  }

  private static void requireAlive(List<ServiceProcess> processes) {
    for (ServiceProcess p : processes) {
      if (!p.isRunning()) {
        throw new IllegalStateException(p.name() + " exited; log " + p.log());
      }
    }
  }

  /** Orders 1..n, one row each, spread as the workload spreads them (database n % 2, shard). */
  private static void preload(Connection db, DemoSchema schema, int orders) throws Exception {
    try (Statement st = db.createStatement()) {
      for (int d = 0; d < DemoSchema.DATABASES; d++) {
        for (int shard = 0; shard < DemoSchema.SHARDS; shard++) {
          // order n lives in database n % 2, shard (n / 2) % 2: n % 4 = d + 2 * shard
          st.executeUpdate(
              "INSERT INTO "
                  + schema.database(d)
                  + ".orders_"
                  + shard
                  + " (order_id, user_id, status, total, currency, created_at, updated_at,"
                  + " version) SELECT CONCAT('ORD-', LPAD(seq, 8, '0')), seq % 1000, 'CREATED',"
                  + " 10.00, 'EUR', NOW(3), NOW(3), 1 FROM "
                  + schema.database(d)
                  + ".seq_1_to_"
                  + orders
                  + " WHERE seq % 4 = "
                  + (d + 2 * shard));
        }
      }
    }
  }

  private static long count(StackEndpoints stack, String index) throws Exception {
    HttpResponse<String> r =
        HTTP.send(
            HttpRequest.newBuilder(URI.create(stack.elasticsearchUrl() + "/" + index + "/_count"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    return r.statusCode() == 200 ? JSON.readTree(r.body()).path("count").asLong() : 0;
  }

  private static Connection root(StackEndpoints stack) throws Exception {
    return DriverManager.getConnection(
        stack.mariadbJdbcUrl(), stack.mariadbRootUser(), stack.mariadbRootPassword());
  }
}
