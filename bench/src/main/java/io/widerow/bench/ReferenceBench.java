package io.widerow.bench;

import io.widerow.bench.elasticsearch.SearchProbe;
import io.widerow.bench.hbase.HBaseCeiling;
import io.widerow.core.pipeline.Pipeline;
import io.widerow.stack.LocalStack;
import io.widerow.stack.PipelineFiles;
import io.widerow.stack.ServerStatus;
import io.widerow.stack.StackEndpoints;
import io.widerow.workload.reference.ReferenceLoader;
import io.widerow.workload.reference.ReferenceSchema;
import io.widerow.workload.reference.ReferenceWorkload;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * {@code widerow bench --workload reference}: issue 16's production-shaped benchmark on the running
 * local stack. A fresh pipeline and schema; the preloaded orders backfilled by the services
 * launched as three processes (or in this JVM), timed from launch; an idle step; then each
 * streaming step of the reference mix, judged by {@link KeptUpRule}; CPU of every service and
 * server per phase. Prints tables and writes them as JSON under {@code <stack home>/bench/}.
 */
public final class ReferenceBench {

  static final String LAG_METHOD =
      "commit() returned in the writer -> first _mget (realtime=false, every "
          + VersionProbe.POLL_MILLIS
          + " ms) whose document carries the transaction's order version";
  private static final DateTimeFormatter FILE_TIME =
      DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);
  private static final long POLL_MILLIS = 250;

  private final ReferenceOptions options;
  private final PrintStream out;

  public ReferenceBench(ReferenceOptions options, PrintStream out) {
    this.options = options;
    this.out = out;
  }

  /** Runs every phase; returns the JSON report's path. */
  public Path run() throws Exception {
    double loadBefore = Bench.load();
    Instant startedAt = Instant.now();
    LocalStack stack = LocalStack.fromEnvironment();
    Bench.requireRunning(stack);
    StackEndpoints ends = stack.endpoints();
    Map<String, String> env = PipelineFiles.environment(ends);
    String name = BenchPipelines.uniqueName("ref");
    String yaml = BenchPipelines.referenceYaml(name);
    Pipeline pipeline = BenchPipelines.parse(ends, yaml);
    ReferenceSchema schema = new ReferenceSchema(name);
    Path dir = Files.createDirectories(stack.config().home().resolve("bench"));
    String stamp = FILE_TIME.format(startedAt);
    Path file = dir.resolve("bench-" + stamp + "-pipeline.yaml");
    Files.writeString(file, yaml);
    String url = ends.mariadbJdbcUrl();
    String user = ends.mariadbRootUser();
    String password = ends.mariadbRootPassword();
    out.printf(
        "bench --workload reference %s: load average %.1f on %d cores; services as %s%n",
        name,
        loadBefore,
        Bench.cores(),
        options.inJvm() ? "one JVM (--in-jvm)" : "three processes");
    schema.create(url, user, password);
    SearchProbe search = new SearchProbe(pipeline.elasticsearch().hosts().get(0));
    try {
      long t0 = System.nanoTime();
      Progress loading = new Progress(out, "loading");
      long rows =
          new ReferenceLoader(schema, url, user, password)
              .load(options.orders(), n -> loading.maybe("%,d source rows inserted", n));
      double insertSeconds = (System.nanoTime() - t0) / 1e9;
      out.printf(
          "loaded %,d orders = %,d source rows in %.1f s%n", options.orders(), rows, insertSeconds);
      PipelineServices services =
          options.inJvm()
              ? new InJvmServices(pipeline, env::get)
              : new ProcessServices(file, env, dir.resolve("bench-" + stamp));
      VersionProbe probe =
          new VersionProbe(ids -> search.versions(name, ids), options.samplesPerSecond());
      ReferenceWorkload workload =
          new ReferenceWorkload(
              schema,
              url,
              user,
              password,
              options.writers(),
              options.orders(),
              options.orders() + 1_000,
              probe);
      ReferenceReport.Backfill backfill;
      List<ReferenceReport.Step> steps = new ArrayList<>();
      Map<String, Long> rss;
      try (services;
          probe;
          workload) {
        long launch = System.nanoTime();
        services.launch();
        CpuSampler cpu = new CpuSampler(watched(services, stack));
        ReferenceSteps runner = new ReferenceSteps(options, services, workload, probe, cpu, out);
        backfill = backfill(services, search, name, rows, insertSeconds, launch, cpu);
        runner.settle();
        workload.start();
        probe.start();
        if (!options.idle().isZero()) {
          steps.add(runner.idle());
        }
        for (int rate : options.rates()) {
          steps.add(runner.step(rate));
        }
        rss = new LinkedHashMap<>(services.peakRssMiB());
        cpu.peakRssMiB().forEach((process, mib) -> rss.putIfAbsent(process, mib));
        if (options.verify()) {
          runner.settle(); // the last step's tail indexed before the services stop
        }
      }
      VerifyRun.Outcome verify = null;
      if (options.verify()) {
        out.println("verify: every entity of the source against HBase and the index");
        verify = VerifyRun.run(file, env, dir.resolve("bench-" + stamp + "-verify.log"));
        out.printf(
            "verify: %,d entities, %,d differences%n", verify.entities(), verify.differences());
      }
      double highest =
          steps.stream()
              .filter(s -> s.verdict() != null && s.verdict().keptUp())
              .mapToDouble(ReferenceReport.Step::targetRate)
              .max()
              .orElse(0);
      ReferenceReport report =
          new ReferenceReport(
              new ReferenceReport.Run(
                  name,
                  startedAt.toString(),
                  options.asMap(),
                  services.mode(),
                  Bench.cores(),
                  loadBefore,
                  Bench.load(),
                  KeptUpRule.describe(options.drain().toSeconds()),
                  LAG_METHOD),
              backfill,
              steps,
              highest,
              rss,
              verify);
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

  /** The services, each server (with its descendants) and, beside processes, this JVM. */
  private static List<CpuSampler.Watched> watched(PipelineServices services, LocalStack stack)
      throws InterruptedException {
    List<CpuSampler.Watched> watched = new ArrayList<>(services.watched());
    for (ServerStatus s : stack.status()) {
      if (s.pid().isPresent()) {
        watched.add(new CpuSampler.Watched(s.server(), s.pid().getAsLong(), true));
      }
    }
    if (services instanceof ProcessServices) {
      watched.add(new CpuSampler.Watched("bench", ProcessHandle.current().pid(), false));
    }
    return watched;
  }

  /**
   * From launch until every preloaded row is searchable: as many documents as orders, and their
   * item and payment counts summing to the items and payments loaded (an order is searchable before
   * its items are in, since the snapshot reads one table after another).
   */
  private ReferenceReport.Backfill backfill(
      PipelineServices services,
      SearchProbe search,
      String alias,
      long rows,
      double insertSeconds,
      long launch,
      CpuSampler cpu)
      throws Exception {
    CpuSample before = cpu.sample();
    long orders = options.orders();
    long items = ReferenceLoader.items(orders);
    out.printf(
        "backfill: from launch until %,d documents hold %,d items and %,d payments%n",
        orders, items, orders);
    Progress progress = new Progress(out, "backfill");
    long deadline = launch + TimeUnit.SECONDS.toNanos(Math.max(300, rows / 300));
    long firstDocument = -1;
    long started = -1;
    while (true) {
      long now = System.nanoTime();
      if (now > deadline) {
        throw new IllegalStateException(
            "backfill: not every row searchable after "
                + TimeUnit.NANOSECONDS.toSeconds(now - launch)
                + " s");
      }
      services.checkHealth();
      if (started < 0 && services.started()) {
        started = now;
        out.printf("backfill: services started after %.1f s%n", (started - launch) / 1e9);
      }
      SearchProbe.Totals t = search.totals(alias, "item_count", "payment_count");
      if (firstDocument < 0 && t.documents() > 0) {
        firstDocument = now;
        out.printf("backfill: first document after %.1f s%n", (firstDocument - launch) / 1e9);
      }
      if (started >= 0 && t.documents() >= orders && t.sumA() >= items && t.sumB() >= orders) {
        break;
      }
      progress.maybe(
          "%,d documents, %,d items, %,d payments searchable", t.documents(), t.sumA(), t.sumB());
      TimeUnit.MILLISECONDS.sleep(POLL_MILLIS);
    }
    long done = System.nanoTime();
    CpuSample after = cpu.sample();
    double seconds = (done - launch) / 1e9;
    double fromStarted = (done - started) / 1e9;
    out.printf(
        "backfill: every row searchable %.1f s after launch: %,.0f rows/s (%,.0f rows/s from"
            + " started)%n",
        seconds, rows / seconds, rows / fromStarted);
    return new ReferenceReport.Backfill(
        orders,
        rows,
        insertSeconds,
        (firstDocument - launch) / 1e9,
        (started - launch) / 1e9,
        seconds,
        rows / seconds,
        rows / fromStarted,
        CpuAccounting.between(before, after, rows, ReferenceSteps.TICKS));
  }

  private void cleanUp(
      ReferenceSchema schema,
      String url,
      String user,
      String password,
      SearchProbe search,
      Pipeline pipeline,
      String name) {
    try {
      schema.drop(url, user, password);
      search.deleteIndices(List.of(name + "-1"));
      HBaseCeiling.dropTables(pipeline.hbase(), List.of(name));
      out.println("removed the run's databases, HBase table and index (--keep keeps them)");
    } catch (Exception e) {
      out.println("cleanup incomplete: " + e);
    }
  }
}
