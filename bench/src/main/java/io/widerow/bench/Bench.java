package io.widerow.bench;

import com.codahale.metrics.Snapshot;
import io.widerow.bench.elasticsearch.SearchProbe;
import io.widerow.bench.hbase.HBaseCeiling;
import io.widerow.bench.jdbc.BackfillLoader;
import io.widerow.core.pipeline.Pipeline;
import io.widerow.ingest.debezium.EngineProperties;
import io.widerow.local.LocalPipeline;
import io.widerow.stack.Deadline;
import io.widerow.stack.LocalStack;
import io.widerow.stack.PipelineFiles;
import io.widerow.stack.ServerStatus;
import io.widerow.stack.StackEndpoints;
import io.widerow.workload.DemoSchema;
import io.widerow.workload.OrderWorkload;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import java.util.function.LongFunction;
import jdk.jfr.Configuration;
import jdk.jfr.Recording;

/**
 * {@code widerow bench}: on the running local stack, a fresh pipeline and schema; N orders loaded,
 * then snapshotted by the three services until all are searchable (backfill); freshness at a fixed
 * rate; streaming at stepped rates until lag is unbounded; then each stage alone on the same rows
 * (ceilings); the query API over the indexed orders. With {@code --query} only the backfill and the
 * query phase. Prints a table and writes it as JSON under {@code <stack home>/bench/}.
 */
public final class Bench {

  private static final DateTimeFormatter FILE_TIME =
      DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);

  private final BenchOptions options;
  private final PrintStream out;

  public Bench(BenchOptions options, PrintStream out) {
    this.options = options;
    this.out = out;
  }

  /** Runs every phase; returns the JSON report's path. */
  public Path run() throws Exception {
    double loadBefore = load();
    Instant started = Instant.now();
    LocalStack stack = LocalStack.fromEnvironment();
    requireRunning(stack);
    StackEndpoints ends = stack.endpoints();
    Map<String, String> env = PipelineFiles.environment(ends);
    String name = BenchPipelines.uniqueName("bench");
    String yaml = BenchPipelines.yaml(name);
    Pipeline pipeline = BenchPipelines.parse(ends, yaml);
    Pipeline ceiling = BenchPipelines.renamed(pipeline, name + "_ceil");
    DemoSchema schema = BenchPipelines.schema(name);
    Path dir = Files.createDirectories(stack.config().home().resolve("bench"));
    String stamp = FILE_TIME.format(started);
    out.printf("bench %s: load average %.1f on %d cores%n", name, loadBefore, cores());
    // Written first: with --keep it serves `widerow query --pipeline FILE` on the kept data.
    Path file = dir.resolve("bench-" + stamp + "-pipeline.yaml");
    Files.writeString(file, yaml);
    String url = ends.mariadbJdbcUrl();
    String user = ends.mariadbRootUser();
    String password = ends.mariadbRootPassword();
    schema.create(url, user, password);
    SearchProbe search = new SearchProbe(pipeline.elasticsearch().hosts().get(0));
    try {
      // 1. The orders that exist before the pipeline: not part of any measurement.
      long t0 = System.nanoTime();
      Progress loading = new Progress(out, "loading");
      long rows =
          new BackfillLoader(schema, url, user, password)
              .load(options.orders(), n -> loading.maybe("%,d source rows inserted", n));
      FreshnessProbe probe =
          new FreshnessProbe(
              schema,
              url,
              user,
              password,
              options.orders() + 1,
              ids -> search.userIds(name, ids),
              100);
      probe.createOrders();
      rows += FreshnessProbe.PROBE_ORDERS;
      long documents = options.orders() + FreshnessProbe.PROBE_ORDERS;
      double insertSeconds = (System.nanoTime() - t0) / 1e9;
      out.printf("loaded %,d orders = %,d source rows in %.1f s%n", documents, rows, insertSeconds);

      CeilingRun ceilings =
          new CeilingRun(
              ceiling, EngineProperties.passwordOf(pipeline.sources().get(0), env::get), out);
      if (options.ceilings() && !options.queryOnly()) {
        ceilings.debeziumSnapshot(rows);
      }

      // 2. The services, measured end to end.
      ProcessMemory.resetPeak();
      ProcessMemory.resetHeapPeaks();
      LocalPipeline services = new LocalPipeline(pipeline, env::get, 0);
      // Order numbers start above the loaded and probe orders; a later workload starts far above.
      LongFunction<OrderWorkload> workloadFrom =
          firstOrderNo ->
              new OrderWorkload(
                  schema,
                  url,
                  user,
                  password,
                  options.workers(),
                  options.activeOrders(),
                  options.freshnessRate(),
                  firstOrderNo);
      OrderWorkload workload = workloadFrom.apply(documents + 1_000);
      EndToEnd e2e = new EndToEnd(options, services, workload, probe, search, name, out);
      Path jfr = options.jfr() ? dir.resolve("bench-" + stamp + "-streaming.jfr") : null;
      BenchReport.Backfill backfill;
      BenchReport.Freshness freshness = null;
      BenchReport.Streaming streaming = null;
      BenchReport.Memory memory = null;
      try {
        long starting = System.nanoTime();
        services.start();
        backfill = e2e.backfill(rows, documents, insertSeconds, starting);
        if (!options.queryOnly()) {
          freshness = e2e.freshness();
          Recording recording = jfr == null ? null : startRecording();
          streaming = e2e.streaming();
          if (recording != null) {
            recording.dump(jfr);
            recording.close();
            out.println("JFR recording of the streaming phase: " + jfr);
          }
          workload.close();
          probe.stopWriting(10_000);
          memory = memory(stack);
          services.close();
          if (!options.processes().isZero()) {
            OrderWorkload load = workloadFrom.apply(documents + 100_000_000L);
            memory =
                memory.withProcesses(
                    perServiceMemory(file, env, load, dir.resolve("bench-" + stamp)));
          }
        }
      } finally {
        workload.close();
        services.close();
        probe.close();
      }

      // 3. The query API over what the pipeline indexed, the pipeline's services stopped.
      BenchReport.Query query = null;
      if (!options.query().isZero()) {
        query =
            new BenchReport.Query(
                QueryBench.CONNECTIONS,
                new QueryBench(pipeline, options.orders(), options.query(), out).run());
      }

      // 4. Each stage alone, on the same rows and binlog.
      BenchReport.Ceilings measured = null;
      if (options.ceilings() && !options.queryOnly()) {
        ceilings.debeziumBinlog(workload.changes() + probe.log().committedCount());
        ceilings.hbaseAndElasticsearch(pipeline);
        measured = ceilings.report(backfill, streaming);
      }
      BenchReport report =
          new BenchReport(
              new BenchReport.Run(
                  name,
                  started.toString(),
                  options.asMap(),
                  cores(),
                  loadBefore,
                  load(),
                  jfr == null ? null : jfr.toString()),
              backfill,
              freshness,
              streaming,
              memory,
              measured,
              query);
      report.print(out);
      Path json = dir.resolve("bench-" + stamp + ".json");
      report.writeJson(json);
      out.println("written: " + json);
      return json;
    } finally {
      if (!options.keep()) {
        cleanUp(schema, url, user, password, search, pipeline, name);
      }
    }
  }

  /**
   * The servers a bench pipeline uses; the stack's secured side (the Elasticsearch TLS proxy) and
   * its second MariaDB are not needed.
   */
  static final List<String> SERVERS = List.of("mariadb", "kafka", "hbase", "elasticsearch");

  /** Asks a few times: a busy server can miss one health probe without being down. */
  static void requireRunning(LocalStack stack) throws InterruptedException {
    List<String> down = List.of();
    for (int attempt = 0; attempt < 4; attempt++) {
      down =
          stack.status().stream()
              .filter(s -> SERVERS.contains(s.server()) && !s.healthy())
              .map(ServerStatus::server)
              .toList();
      if (down.isEmpty()) {
        return;
      }
      Thread.sleep(5_000);
    }
    if (!down.isEmpty()) {
      throw new IllegalStateException(
          "the local stack is not running (" + String.join(", ", down) + "): ./widerow stack up");
    }
  }

  /**
   * Ingest, merger and indexer each in a JVM of its own on the same pipeline, picking up where the
   * in-JVM services stopped, while the workload runs at the freshness rate: each one's peak RSS, as
   * a cluster would run them.
   */
  private BenchReport.SeparateProcesses perServiceMemory(
      Path pipelineFile, Map<String, String> env, OrderWorkload load, Path logPrefix)
      throws Exception {
    out.printf(
        "processes: ingest, merger and indexer each in its own JVM (%s), workload at %,d changes/s"
            + " for %d s; logs %s-<service>.log%n",
        ServiceProcesses.HEAP, options.freshnessRate(), options.processes().toSeconds(), logPrefix);
    try (ServiceProcesses processes = ServiceProcesses.start(pipelineFile, env, logPrefix)) {
      long start = System.nanoTime();
      load.start();
      try {
        Deadline end = Deadline.after(options.processes());
        while (!end.expired()) {
          TimeUnit.SECONDS.sleep(1);
          processes.requireAlive();
          if (load.failure() != null) {
            throw new IllegalStateException("the workload failed", load.failure());
          }
        }
      } finally {
        load.close();
      }
      double seconds = (System.nanoTime() - start) / 1e9;
      double rate = load.changes() / seconds;
      Map<String, Long> peaks = processes.peakRssMiB();
      out.printf("processes: peak RSS %s MiB at %,.0f changes/s%n", peaks, rate);
      return new BenchReport.SeparateProcesses(peaks, rate, seconds);
    }
  }

  private BenchReport.Memory memory(LocalStack stack) throws InterruptedException {
    Map<String, Long> servers = new LinkedHashMap<>();
    for (ServerStatus s : stack.status()) {
      servers.put(s.server(), mib(s.peakRssKib()));
    }
    return new BenchReport.Memory(
        mib(ProcessMemory.peakKib()),
        ProcessMemory.heapPeakKib() / 1024,
        ProcessMemory.maxHeapMiB(),
        servers,
        null);
  }

  /**
   * JFR's "default" settings: with "profile" (allocation and lock profiling, 10 ms samples) ingest
   * fell to a tenth of the 1,000/s workload on two cores for the first 15 s of the phase.
   */
  private static Recording startRecording() throws Exception {
    Recording r = new Recording(Configuration.getConfiguration("default"));
    r.setName("widerow-bench-streaming");
    r.start();
    return r;
  }

  private void cleanUp(
      DemoSchema schema,
      String url,
      String user,
      String password,
      SearchProbe search,
      Pipeline pipeline,
      String name) {
    try {
      schema.drop(url, user, password);
      search.deleteIndices(List.of(name + "-1", name + "_ceil-1"));
      HBaseCeiling.dropTables(pipeline.hbase(), List.of(name, name + "_ceil"));
      out.println("removed the run's databases, HBase tables and indices (--keep keeps them)");
    } catch (Exception e) {
      out.println("cleanup incomplete: " + e);
    }
  }

  static Long mib(OptionalLong kib) {
    return kib.isPresent() ? kib.getAsLong() / 1024 : null;
  }

  static double load() {
    return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
  }

  static int cores() {
    return Runtime.getRuntime().availableProcessors();
  }

  static double[] lagPercentiles(LocalPipeline services) {
    Snapshot s = services.service("indexer").metrics().histogram("indexer.lag_ms").getSnapshot();
    return new double[] {s.getMedian(), s.get99thPercentile()};
  }
}
