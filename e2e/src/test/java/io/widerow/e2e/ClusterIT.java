package io.widerow.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.widerow.core.index.IndexLayout;
import io.widerow.core.pipeline.Pipeline;
import io.widerow.core.pipeline.PipelineLoader;
import io.widerow.stack.LocalStack;
import io.widerow.stack.SecondMariaDb;
import io.widerow.stack.StackConfig;
import io.widerow.stack.StackEndpoints;
import io.widerow.stack.StartResult;
import io.widerow.stack.mariadb.MariaDbServer;
import io.widerow.testkit.DemoPipelines;
import io.widerow.testkit.EsRest;
import io.widerow.testkit.GroupWatch;
import io.widerow.testkit.HBaseTables;
import io.widerow.testkit.LocalStackExtension;
import io.widerow.testkit.TopicProgress;
import io.widerow.workload.DemoSchema;
import io.widerow.workload.OrderWorkload;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledIfSystemProperty;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The services as a cluster runs them, each its own JVM: one ingest per source on two MariaDB
 * servers, two mergers and two indexers (static group members) and the query API. Under the order
 * workload one process of each kind is killed with SIGKILL at a seeded moment: the killed ingest's
 * replacement must stand by until the dead one's lease expires, then take the source over; the
 * groups must work on every partition again; at the end {@code widerow verify} finds no difference
 * and the lag is 0. Prints the plan, the seed, and how long each takeover took.
 *
 * <p>Settings: {@code widerow.cluster=false} leaves it out, {@code widerow.cluster.seed} repeats a
 * plan, {@code widerow.cluster.rate} source row changes per second (200).
 */
@ExtendWith(LocalStackExtension.class)
@DisabledIfSystemProperty(
    named = "widerow.cluster",
    matches = "false",
    disabledReason = "left out with -Dwiderow.cluster=false")
class ClusterIT {

  private static final Duration MIN_PAUSE = Duration.ofSeconds(5);
  private static final Duration MAX_PAUSE = Duration.ofSeconds(20);

  /** Longer than the stage consumers' session timeout: the group must move its partitions. */
  private static final Duration INDEXER_DOWN = Duration.ofSeconds(25);

  private static final Duration CATCH_UP = Duration.ofMinutes(6);

  /** Above any order number of one run; even and odd: one marker per database, so per source. */
  private static final long MARKER_ORDER_NO = 90_000_000L;

  private StackEndpoints stack;
  private MariaDbServer second;
  private StartResult secondStart;
  private String name;
  private DemoSchema schema;
  private Pipeline pipeline;
  private Path dir;
  private Crasher crasher;
  private OrderWorkload workload;
  private GroupWatch groups;
  private ScheduledExecutorService watcher;
  private boolean passed;

  @Test
  void killedInstancesAreTakenOverAndTheClusterLosesNothing(StackEndpoints stack) throws Exception {
    this.stack = stack;
    long seed = Long.getLong("widerow.cluster.seed", ThreadLocalRandom.current().nextLong());
    double rate = Double.parseDouble(System.getProperty("widerow.cluster.rate", "200"));
    List<CrashPlan.Fault> plan = plan(seed);
    System.out.printf(
        "cluster seed=%d (repeat with -Dwiderow.cluster.seed=%d); plan:%n", seed, seed);
    plan.forEach(f -> System.out.println("  " + f));
    long t0 = System.nanoTime();

    startSecondServer();
    Path pipelineFile = createPipeline();
    Map<String, String> env = ClusterPipeline.environment(stack, second.port());
    crasher = new Crasher(services(pipelineFile, env), LocalStack.fromEnvironment(), System.out);
    workload =
        new OrderWorkload(
            schema,
            List.of(stack.mariadbJdbcUrl(), secondJdbcUrl()),
            stack.mariadbRootUser(),
            stack.mariadbRootPassword(),
            2,
            400,
            rate,
            1);
    groups = new GroupWatch(stack.kafkaBootstrap(), List.of(name + "-merger", name + "-indexer"));
    Map<String, Long> takeovers = new java.util.concurrent.ConcurrentHashMap<>();
    watcher = Executors.newSingleThreadScheduledExecutor();
    watcher.scheduleWithFixedDelay(
        () -> {
          groups.sample();
          noteTakeovers(takeovers);
        },
        0,
        500,
        TimeUnit.MILLISECONDS);

    crasher.startAll();
    crasher.awaitAllUp();
    awaitEnginesStreaming();
    workload.start();
    crasher.run(plan);
    workload.close();
    assertThat(workload.failure()).as("the workload (MariaDB is never stopped)").isNull();
    insertMarkers();

    crasher.phase("catching up");
    try (TopicProgress progress = new TopicProgress(pipeline)) {
      CatchUp.await(crasher, progress, markerDocuments(), CATCH_UP);
      assertThat(progress.snapshot().lag()).as("consumer lag at the end").isZero();
    }
    watcher.shutdownNow();
    String report = CatchUp.verify(env, pipelineFile);
    printTakeovers(takeovers);
    System.out.printf(
        "cluster test took %.0f s with %d service JVMs%n",
        (System.nanoTime() - t0) / 1e9, crasher.services().size());
    assertTakeovers(takeovers);
    assertThat(report).as("verify after the kills (seed " + seed + ")").contains(" differences=0");
    passed = true;
  }

  /**
   * One kill of each kind, in a seeded order, of a seeded instance, each after a seeded pause:
   * ingest and merger restarted at once (the ingest's replacement stands by on the lease; the
   * merger comes back as the same static member), the indexer kept down past the session timeout so
   * that its partitions move to the other indexer, the query process restarted at once.
   */
  static List<CrashPlan.Fault> plan(long seed) {
    java.util.Random random = new java.util.Random(seed);
    List<String> targets =
        new ArrayList<>(
            List.of(
                "ingest-" + ClusterPipeline.SOURCES.get(random.nextInt(2)),
                "merger-" + (1 + random.nextInt(2)),
                "indexer-" + (1 + random.nextInt(2)),
                "query"));
    java.util.Collections.shuffle(targets, random);
    long spread = MAX_PAUSE.toMillis() - MIN_PAUSE.toMillis();
    List<CrashPlan.Fault> faults = new ArrayList<>();
    for (String target : targets) {
      Duration pause =
          Duration.ofMillis(MIN_PAUSE.toMillis() + (long) (random.nextDouble() * spread));
      Duration down = target.startsWith("indexer") ? INDEXER_DOWN : Duration.ZERO;
      faults.add(new CrashPlan.Fault(target, false, false, pause, down));
    }
    return List.copyOf(faults);
  }

  /** Consumers before their producers, so that the first keys find their reader running. */
  private List<ServiceProcess> services(Path pipelineFile, Map<String, String> env)
      throws Exception {
    List<String> java =
        CrashPipeline.javaCommand(Files.createDirectories(dir.resolve("classpath")));
    List<ServiceProcess> processes = new ArrayList<>();
    for (String stage : List.of("indexer", "merger")) {
      for (int i = 1; i <= 2; i++) {
        String id = stage + "-" + i;
        processes.add(
            new ServiceProcess(
                id, stage, List.of("--instance-id", id), java, env, pipelineFile, dir));
      }
    }
    processes.add(new ServiceProcess("query", "query", List.of(), java, env, pipelineFile, dir));
    for (String source : ClusterPipeline.SOURCES) {
      processes.add(
          new ServiceProcess(
              "ingest-" + source,
              "ingest",
              List.of("--source", source),
              java,
              env,
              pipelineFile,
              dir));
    }
    return processes;
  }

  /** Each ingest logs when its source's lease is taken; the load starts once both stream. */
  private void awaitEnginesStreaming() throws Exception {
    for (String source : ClusterPipeline.SOURCES) {
      ServiceProcess ingest = crasher.service("ingest-" + source);
      io.widerow.stack.Deadline.after(Duration.ofMinutes(2))
          .await(
              "ingest-" + source + " streaming",
              Duration.ofMillis(500),
              crasher::superviseOnce,
              () -> ingest.logContains(source + ": engine started"));
    }
  }

  /**
   * The first moment each killed instance's replacement worked: an ingest once it took the lease
   * (its log says so), any other once it logged that it runs.
   */
  private void noteTakeovers(Map<String, Long> takeovers) {
    for (Crasher.Kill kill : crasher.kills()) {
      ServiceProcess p = crasher.service(kill.service());
      String key = kill.service() + "@" + kill.atNanos();
      try {
        boolean working =
            p.service().equals("ingest") ? p.isRunning() && p.logContains(" taken as ") : p.isUp();
        if (!takeovers.containsKey(key) && working) {
          takeovers.put(key, System.nanoTime());
        }
        if (p.service().equals("ingest")
            && !takeovers.containsKey(key + " standby")
            && p.isRunning()
            && p.logContains(": standby, lease ")) {
          takeovers.put(key + " standby", System.nanoTime());
        }
      } catch (java.io.IOException e) {
        // read again at the next sample
      }
    }
  }

  private void printTakeovers(Map<String, Long> takeovers) {
    System.out.println("cluster test: takeovers after each kill -9");
    for (Crasher.Kill kill : crasher.kills()) {
      ServiceProcess p = crasher.service(kill.service());
      Long back = takeovers.get(kill.service() + "@" + kill.atNanos());
      String line =
          String.format(
              "  %s killed at %s: replacement %s after %s",
              kill.service(),
              crasher.since(kill.atNanos()),
              p.service().equals("ingest") ? "took the lease" : "was running",
              back == null ? "never" : String.format("%.1f s", (back - kill.atNanos()) / 1e9));
      if (p.service().equals("merger") || p.service().equals("indexer")) {
        String group = name + "-" + p.service();
        Optional<Duration> moved = groups.allPartitionsMovedAfter(group, kill.atNanos());
        line +=
            String.format(
                "; group %s committing on every partition again after %s; states: %s",
                group,
                moved.map(d -> String.format("%.1f s", d.toMillis() / 1e3)).orElse("never"),
                groups.statesBetween(
                    group, kill.atNanos(), kill.atNanos() + Duration.ofSeconds(150).toNanos()));
        line += "\n    partitions: " + groups.partitionsAfter(group, kill.atNanos());
      }
      Long standby = takeovers.get(kill.service() + "@" + kill.atNanos() + " standby");
      if (standby != null) {
        line +=
            String.format(
                " (standing by on the dead holder's lease from %.1f s)",
                (standby - kill.atNanos()) / 1e9);
      }
      System.out.println(line);
    }
  }

  /**
   * Every killed instance was replaced; a killed ingest's replacement stood by before it took the
   * lease (it found the dead one's lease), and every group worked on all partitions again.
   */
  private void assertTakeovers(Map<String, Long> takeovers) throws Exception {
    assertThat(crasher.kills()).as("kills carried out").hasSize(4);
    for (Crasher.Kill kill : crasher.kills()) {
      ServiceProcess p = crasher.service(kill.service());
      assertThat(takeovers)
          .as("replacement of " + kill.service())
          .containsKey(kill.service() + "@" + kill.atNanos());
      if (p.service().equals("ingest")) {
        String log = Files.readString(p.log());
        assertThat(log.indexOf(": standby, lease " + name + "/"))
            .as(p.log() + ": stood by on the dead ingest's lease before taking it")
            .isNotNegative()
            .isLessThan(log.indexOf(" taken as "));
      } else if (!p.service().equals("query")) {
        assertThat(groups.allPartitionsMovedAfter(name + "-" + p.service(), kill.atNanos()))
            .as("group of " + kill.service() + " working on every partition after the kill")
            .isPresent();
      }
    }
  }

  /** Drops what the run created; after a failure keeps it all, to be looked at. */
  @AfterEach
  void cleanUp() throws Exception {
    if (watcher != null) {
      watcher.shutdownNow();
    }
    if (workload != null) {
      workload.close();
    }
    if (crasher != null) {
      crasher.close();
    }
    if (groups != null) {
      groups.close();
    }
    if (passed) {
      HBaseTables.drop(pipeline.hbase());
      new EsRest(stack.elasticsearchUrl())
          .deleteIndex(
              IndexLayout.physicalIndex(pipeline.elasticsearch(), IndexLayout.FIRST_GENERATION));
      for (String url : List.of(stack.mariadbJdbcUrl(), secondJdbcUrl())) {
        schema.drop(url, stack.mariadbRootUser(), stack.mariadbRootPassword());
      }
      try (var files = Files.walk(dir)) {
        files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    } else {
      System.out.printf(
          "cluster test failed: kept databases %s_0 (MariaDB %d) and %s_1 (MariaDB %s), HBase"
              + " table, index %s, topics cluster.%s.*, pipeline file and service logs in %s%n",
          name, stack.mariadbPort(), name, second == null ? "-" : second.port(), name, name, dir);
    }
    if (secondStart != null && !secondStart.reused()) {
      second.stop(Duration.ofSeconds(30));
    }
  }

  private void startSecondServer() throws Exception {
    second = SecondMariaDb.of(StackConfig.fromEnvironment());
    secondStart = second.start(Duration.ofMinutes(2));
    System.out.printf(
        "cluster test: second MariaDB on port %d (%s, %d ms)%n",
        second.port(), secondStart.reused() ? "reused" : "started", secondStart.took().toMillis());
  }

  private String secondJdbcUrl() {
    return "jdbc:mariadb://" + stack.mariadbHost() + ":" + second.port() + "/";
  }

  /** The demo schema on both servers; each source captures one database of it. */
  private Path createPipeline() throws Exception {
    name = DemoPipelines.uniqueName("cluster");
    schema = DemoPipelines.schema(name);
    for (String url : List.of(stack.mariadbJdbcUrl(), secondJdbcUrl())) {
      schema.create(url, stack.mariadbRootUser(), stack.mariadbRootPassword());
    }
    dir = Files.createTempDirectory("widerow-" + name + "-");
    Path file = dir.resolve("pipeline.yaml");
    String yaml = ClusterPipeline.yaml(name);
    Files.writeString(file, yaml);
    pipeline =
        PipelineLoader.parse(
            yaml, file.toString(), ClusterPipeline.environment(stack, second.port()));
    System.out.println("cluster test: pipeline " + name + ", logs in " + dir);
    return file;
  }

  /** One marker order per source, after the load stopped (see {@link CatchUp#await}). */
  private void insertMarkers() throws Exception {
    List<String> urls = List.of(stack.mariadbJdbcUrl(), secondJdbcUrl());
    for (int db = 0; db < 2; db++) {
      long orderNo = MARKER_ORDER_NO + db;
      try (Connection c =
              DriverManager.getConnection(
                  urls.get(db), stack.mariadbRootUser(), stack.mariadbRootPassword());
          PreparedStatement st =
              c.prepareStatement(
                  "INSERT INTO "
                      + schema.shardedTable(orderNo, "orders")
                      + " (order_id, user_id, status, total, currency, created_at, updated_at,"
                      + " version) VALUES (?, 1, 'CREATED', 1.00, 'EUR', NOW(3), NOW(3), 1)")) {
        st.setString(1, DemoSchema.orderId(orderNo));
        st.executeUpdate();
      }
    }
  }

  private List<URI> markerDocuments() {
    return List.of(0, 1).stream()
        .map(
            db ->
                URI.create(
                    stack.elasticsearchUrl()
                        + "/"
                        + name
                        + "/_doc/"
                        + DemoSchema.orderId(MARKER_ORDER_NO + db)))
        .toList();
  }
}
