package io.widerow.bench;

import io.widerow.bench.elasticsearch.SearchProbe;
import io.widerow.local.LocalPipeline;
import io.widerow.workload.OrderWorkload;
import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** The end-to-end phases on the running services: backfill, freshness, streaming steps. */
final class EndToEnd {

  static final String PROBE_METHOD =
      "probe: a marker update committed every 100 ms on one of "
          + FreshnessProbe.PROBE_ORDERS
          + " probe orders; lag = first search hit showing it (polled every "
          + FreshnessProbe.POLL_MILLIS
          + " ms) minus the time commit() returned";

  private final BenchOptions options;
  private final LocalPipeline services;
  private final OrderWorkload workload;
  private final FreshnessProbe probe;
  private final SearchProbe search;
  private final String alias;
  private final PrintStream out;

  EndToEnd(
      BenchOptions options,
      LocalPipeline services,
      OrderWorkload workload,
      FreshnessProbe probe,
      SearchProbe search,
      String alias,
      PrintStream out) {
    this.options = options;
    this.services = services;
    this.workload = workload;
    this.probe = probe;
    this.search = search;
    this.alias = alias;
    this.out = out;
  }

  /**
   * Waits until every pre-existing order is searchable, then until ingest has read every source row
   * and merger and indexer have worked off every key: only then does the index hold the whole
   * source (the snapshot reads one table after another, so an order is searchable before its items
   * are in). The clock starts when the services' start() returned (topics, table and index exist,
   * the engine is starting); the start itself is reported apart.
   *
   * @param startingNanos when the services were asked to start
   */
  BenchReport.Backfill backfill(long rows, long documents, double insertSeconds, long startingNanos)
      throws Exception {
    long startNanos = System.nanoTime();
    out.printf("backfill: waiting until %,d documents are searchable%n", documents);
    StageCounts before = StageCounts.of(services);
    Progress progress = new Progress(out, "backfill");
    long deadline = startNanos + TimeUnit.SECONDS.toNanos(Math.max(300, rows / 300));
    long searchable = 0;
    long read = 0;
    double allSearchable = 0;
    while (searchable < documents || read < rows) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException(
            "backfill: only "
                + searchable
                + " of "
                + documents
                + " documents searchable and "
                + read
                + " of "
                + rows
                + " rows read in time");
      }
      TimeUnit.MILLISECONDS.sleep(250);
      checkHealth();
      if (searchable < documents) {
        searchable = search.count(alias);
        if (searchable >= documents) {
          allSearchable = (System.nanoTime() - startNanos) / 1e9;
          out.printf("backfill: every order searchable after %.1f s%n", allSearchable);
        }
      }
      StageCounts now = StageCounts.of(services);
      read = now.get("ingest.in");
      progress.maybe(
          "%,d of %,d source rows read, %,d cells written, %,d of %,d documents searchable",
          read, rows, now.get("ingest.cells_written"), searchable, documents);
    }
    long drained = settle();
    StageCounts after = StageCounts.of(services);
    double seconds = (drained - startNanos) / 1e9;
    out.printf(
        "backfill: %,d rows read and every key they caused indexed after %.1f s (%,.0f rows/s)%n",
        rows, seconds, rows / seconds);
    return new BenchReport.Backfill(
        documents,
        rows,
        insertSeconds,
        (startNanos - startingNanos) / 1e9,
        allSearchable,
        seconds,
        rows / seconds,
        documents / seconds,
        after.ratesSince(before));
  }

  /**
   * Waits until merger and indexer took nothing in for 3 s: the merger coalesces keys only within a
   * poll, so a backfill leaves the indexer a tail of repeated keys after every document is
   * searchable; freshness is measured from a steady state, not on top of that tail. Returns when.
   */
  private long settle() throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(300);
    StageCounts last = StageCounts.of(services);
    long quietSince = last.nanos();
    while (System.nanoTime() < deadline) {
      TimeUnit.MILLISECONDS.sleep(500);
      checkHealth();
      StageCounts now = StageCounts.of(services);
      if (now.get("merger.in") != last.get("merger.in")
          || now.get("indexer.in") != last.get("indexer.in")) {
        quietSince = now.nanos();
      } else if (now.nanos() - quietSince >= TimeUnit.SECONDS.toNanos(3)) {
        return quietSince;
      }
      last = now;
    }
    return System.nanoTime();
  }

  /**
   * The workload at the freshness rate for the configured time plus a 5 s tail; the markers of the
   * first 5 s (workload warming up) and of the tail (judged while the pipeline still runs) are not
   * counted.
   */
  BenchReport.Freshness freshness() throws Exception {
    probe.start();
    workload.start();
    Duration length = options.freshness().plus(StreamingSteps.GRACE);
    out.printf(
        "freshness: %,d changes/s for %d s (%s)%n",
        options.freshnessRate(), length.toSeconds(), PROBE_METHOD);
    StreamingSteps.Step step = steps().runStep(options.freshnessRate(), length);
    long end = System.nanoTime();
    long start = end - TimeUnit.MILLISECONDS.toNanos((long) (step.seconds() * 1000));
    LagLog.Window lag =
        probe
            .log()
            .window(
                start + StreamingSteps.GRACE.toNanos(), start + options.freshness().toNanos(), end);
    double[] indexerLag = Bench.lagPercentiles(services);
    out.printf("freshness: probe %s%n", lag);
    return new BenchReport.Freshness(
        options.freshnessRate(),
        step.achievedRate(),
        PROBE_METHOD,
        lag,
        indexerLag[0],
        indexerLag[1]);
  }

  BenchReport.Streaming streaming() throws Exception {
    out.printf(
        "streaming: steps %s changes/s, %d s each%n", options.rates(), options.step().toSeconds());
    List<StreamingSteps.Step> steps = steps().run(options.rates(), options.step());
    double highest =
        steps.stream()
            .filter(StreamingSteps.Step::bounded)
            .mapToDouble(StreamingSteps.Step::achievedRate)
            .max()
            .orElse(0);
    String rule =
        String.format(
            "bounded = over the markers committed in a step's second half (to %d s before its"
                + " end): workload >= %.0f%% of the rate, probe p99 <= %.0f s, lag growth < %.0f s",
            StreamingSteps.GRACE.toSeconds(),
            100 * StreamingSteps.MIN_ACHIEVED,
            StreamingSteps.MAX_P99_MS / 1000,
            StreamingSteps.MAX_GROWTH_MS / 1000);
    return new BenchReport.Streaming(rule, steps, highest);
  }

  private StreamingSteps steps() {
    return new StreamingSteps(workload, services, probe.log(), out, this::checkHealth);
  }

  void checkHealth() {
    if (services.failure() != null) {
      throw new IllegalStateException(
          "a service failed: " + services.failure(), services.failure());
    }
    if (workload.failure() != null) {
      throw new IllegalStateException(
          "the workload failed: " + workload.failure(), workload.failure());
    }
    if (probe.failure() != null) {
      throw new IllegalStateException("the probe failed: " + probe.failure(), probe.failure());
    }
  }
}
