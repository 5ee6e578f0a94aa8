package io.widerow.ingest;

import com.codahale.metrics.MetricRegistry;
import com.codahale.metrics.health.HealthCheck;
import com.codahale.metrics.health.HealthCheckRegistry;
import com.google.common.base.Ticker;
import io.widerow.core.change.ChangeEventMapper;
import io.widerow.core.deadletter.DeadLetterBudget;
import io.widerow.core.lease.Lease;
import io.widerow.core.lease.LeaseSettings;
import io.widerow.core.lease.LeaseStore;
import io.widerow.core.metrics.ProgressHealthCheck;
import io.widerow.core.pipeline.Pipeline;
import io.widerow.core.pipeline.PipelineConfigException;
import io.widerow.core.pipeline.Source;
import io.widerow.core.retry.Retrier;
import io.widerow.core.row.KeyPublisher;
import io.widerow.core.service.LifecycleService;
import io.widerow.core.service.NamedCloser;
import io.widerow.core.service.ServiceLifecycle;
import io.widerow.hbase.HBaseErrors;
import io.widerow.hbase.HBaseLeaseStore;
import io.widerow.hbase.HBaseWideRowStore;
import io.widerow.ingest.debezium.EngineProperties;
import io.widerow.ingest.debezium.SourceEngine;
import io.widerow.ingest.debezium.StreamingQueueProbe;
import io.widerow.ingest.jdbc.SignalTable;
import io.widerow.ingest.jdbc.SourceCheck;
import io.widerow.kafka.KafkaDeadLetterSink;
import io.widerow.kafka.KafkaErrors;
import io.widerow.kafka.PipelineTopics;
import io.widerow.kafka.StageKafka;
import io.widerow.runtime.ServiceMain;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The ingest service's entry class: one CDC engine per source of the pipeline, each batch written
 * to the wide table and its rowkeys published to the changes topic before the source offsets are
 * committed. An engine runs only while its source's lease is held: a second ingest for the same
 * source stands by and takes over once the first is gone. Any engine's failure stops the whole
 * service; a restart replays from the committed offsets.
 */
public final class IngestService extends LifecycleService {

  public static final int DEFAULT_ADMIN_PORT = 28081;

  private final Pipeline pipeline;
  private final IngestMetrics metrics;
  private final HealthCheckRegistry health;
  private final Retrier retrier;
  private final StageKafka kafka;
  private final List<SourceEngine> engines = new CopyOnWriteArrayList<>();
  private final List<LeaseKeeper> keepers = new CopyOnWriteArrayList<>();
  private final Function<String, String> environment;
  private final String owner;
  private final LeaseSettings leaseSettings;
  private WriterParts parts;

  public IngestService(Pipeline pipeline, MetricRegistry registry) {
    this(pipeline, registry, new HealthCheckRegistry());
  }

  public IngestService(Pipeline pipeline, MetricRegistry registry, HealthCheckRegistry health) {
    this(pipeline, registry, health, System::getenv);
  }

  /**
   * @param environment where the sources' {@code passwordEnv} variables are looked up: the process
   *     environment for a service, the launcher's settings when embedded in a tool or a test
   */
  public IngestService(
      Pipeline pipeline,
      MetricRegistry registry,
      HealthCheckRegistry health,
      Function<String, String> environment) {
    this(pipeline, registry, health, environment, defaultOwner(), LeaseSettings.DEFAULT);
  }

  /**
   * @param owner who this ingest is in its sources' leases (its {@code --instance-id}, or host and
   *     pid), for the logs of the ingests standing by
   */
  public IngestService(
      Pipeline pipeline,
      MetricRegistry registry,
      HealthCheckRegistry health,
      Function<String, String> environment,
      String owner,
      LeaseSettings leaseSettings) {
    super("ingest", "ingest of pipeline " + pipeline.name());
    this.pipeline = pipeline;
    this.environment = environment;
    this.owner = owner;
    this.leaseSettings = leaseSettings;
    this.metrics = new IngestMetrics(registry);
    this.health = health;
    this.retrier =
        Retrier.forService(
            "ingest", metrics.stage().retries(), KafkaErrors::isFatal, HBaseErrors::isFatal);
    this.kafka = new StageKafka(pipeline, "ingest");
  }

  /**
   * {@code ingest --pipeline FILE [--source NAME]... [--instance-id ID] [--admin-host HOST]
   * [--admin-port PORT]}: with {@code --source}, only the named sources' engines run, so several
   * ingest processes can share one pipeline, one per source (README "Kubernetes"); the instance id
   * names this process in the sources' leases.
   */
  public static void main(String[] args) {
    List<String> sources = new ArrayList<>();
    List<String> rest = new ArrayList<>();
    for (int i = 0; i < args.length; i++) {
      if (args[i].equals("--source") && i + 1 < args.length) {
        sources.add(args[++i]);
      } else {
        rest.add(args[i]);
      }
    }
    ServiceMain.main(
        "ingest",
        DEFAULT_ADMIN_PORT,
        rest.toArray(String[]::new),
        ctx ->
            new IngestService(
                onlySources(ctx.pipeline(), sources),
                ctx.metrics(),
                ctx.health(),
                System::getenv,
                ctx.instanceId().orElseGet(IngestService::defaultOwner),
                LeaseSettings.DEFAULT));
  }

  /** {@code <host>:<pid>}: unique among the processes running at one time. */
  static String defaultOwner() {
    String host = System.getenv("HOSTNAME");
    if (host == null || host.isBlank()) {
      try {
        host = java.net.InetAddress.getLocalHost().getHostName();
      } catch (java.io.IOException e) {
        host = "localhost";
      }
    }
    return host + ":" + ProcessHandle.current().pid();
  }

  /**
   * {@code pipeline} with only the sources named (all of them when none is), in the file's order.
   *
   * @throws PipelineConfigException when a name is not a source of the pipeline
   */
  public static Pipeline onlySources(Pipeline pipeline, List<String> names) {
    if (names.isEmpty()) {
      return pipeline;
    }
    Set<String> known = pipeline.sources().stream().map(Source::name).collect(Collectors.toSet());
    List<String> unknown = names.stream().filter(n -> !known.contains(n)).distinct().toList();
    if (!unknown.isEmpty()) {
      throw new PipelineConfigException(
          "--source",
          List.of(
              "no source named "
                  + String.join(", ", unknown)
                  + " in pipeline "
                  + pipeline.name()
                  + "; its sources: "
                  + String.join(", ", known.stream().sorted().toList())));
    }
    return new Pipeline(
        pipeline.name(),
        pipeline.sources().stream().filter(s -> names.contains(s.name())).toList(),
        pipeline.tables(),
        pipeline.hbase(),
        pipeline.kafka(),
        pipeline.elasticsearch());
  }

  @Override
  protected void open(NamedCloser closer) throws Exception {
    Map<Source, String> passwords = passwords();
    // Refused credentials and missing databases or tables are fatal here, before any client
    // opens; a source that is not up yet is retried like any transient failure.
    retrier.run(
        "check sources of pipeline " + pipeline.name(),
        () -> SourceCheck.verify(pipeline, passwords));
    PipelineTopics.ensure(pipeline, retrier);
    parts = openWriterParts(closer);
    LeaseStore leases =
        closer.register("lease table", HBaseLeaseStore.open(pipeline.hbase(), retrier));
    ExecutorService starter =
        Executors.newSingleThreadExecutor(
            r -> {
              Thread t = new Thread(r, "ingest-start");
              t.setDaemon(true);
              return t;
            });
    closer.register("engine starter", starter::shutdownNow);
    passwords.forEach((source, password) -> keepLease(closer, leases, starter, source, password));
    registerHealthChecks();
  }

  /** Every password is checked before any client opens: a missing one is bad config. */
  private Map<Source, String> passwords() {
    Map<Source, String> passwords = new LinkedHashMap<>();
    pipeline.sources().forEach(s -> passwords.put(s, EngineProperties.passwordOf(s, environment)));
    return passwords;
  }

  /** What every source's writer shares; registered first, closed last (after the engines). */
  private record WriterParts(
      HBaseWideRowStore store, KeyPublisher keys, DeadLetterBudget deadLetters) {}

  private WriterParts openWriterParts(NamedCloser closer) throws Exception {
    HBaseWideRowStore store =
        closer.register("hbase", HBaseWideRowStore.open(pipeline.hbase(), retrier));
    KeyPublisher keys = closer.register("changes producer", kafka.changesPublisher());
    KafkaDeadLetterSink deadLetters = closer.register("dead-letter producer", kafka.deadLetters());
    return new WriterParts(store, keys, DeadLetterBudget.of("ingest", deadLetters, pipeline));
  }

  /** A source's writer writes only while its lease is trusted (LeaseGuardedStore). */
  private WideRowWriter writerFor(Source source, LeaseKeeper keeper) {
    return new WideRowWriter(
        new ChangeEventMapper(pipeline),
        new LeaseGuardedStore(source.name(), parts.store(), keeper::mayWrite),
        parts.store(),
        parts.keys(),
        parts.deadLetters(),
        retrier,
        metrics);
  }

  private void keepLease(
      NamedCloser closer,
      LeaseStore leases,
      ExecutorService starter,
      Source source,
      String password) {
    Lease lease =
        new Lease(
            leases,
            pipeline.name() + "/" + source.name(),
            owner,
            leaseSettings,
            Ticker.systemTicker());
    LeaseKeeper[] keeper = new LeaseKeeper[1];
    keeper[0] =
        new LeaseKeeper(
            source.name(),
            lease,
            leaseSettings,
            new LeaseKeeper.Listener() {
              @Override
              public void acquired(String name) {
                starter.execute(() -> startSource(closer, source, password, keeper[0]));
              }

              @Override
              public void lost(String name, String why) {
                fail(new IllegalStateException("source " + name + ": " + why));
              }
            });
    // Registered before the engine: the engine stops, then the lease is released.
    closer.register("lease " + source.name(), keeper[0]);
    keepers.add(keeper[0]);
    keeper[0].start();
  }

  /** Runs once the source's lease is held: the source's set-up, then its engine. */
  private void startSource(NamedCloser closer, Source source, String password, LeaseKeeper keeper) {
    try {
      boolean signals = SignalTable.ensure(pipeline, source, password);
      if (signals) {
        retrier.run(
            "snapshot tables new to source " + source.name(),
            () -> SignalTable.snapshotNewTables(pipeline, source, password));
      }
      WideRowWriter writer = writerFor(source, keeper);
      // Under the closer's lock: a stop either comes first (and nothing starts) or closes it.
      synchronized (closer) {
        if (!isStartingOrRunning()) {
          return;
        }
        SourceEngine engine =
            closer.register(
                "engine " + source.name(),
                SourceEngine.create(
                    pipeline, source, password, signals, writer, metrics, this::engineEnded));
        engines.add(engine);
        engine.start();
      }
    } catch (Exception e) {
      if (isStartingOrRunning()) {
        fail(e);
      }
    }
  }

  private void registerHealthChecks() {
    health.register("ingest.engines", new EnginesHealthCheck());
    health.register("ingest.leases", new LeasesHealthCheck(keepers));
    StreamingQueueProbe queue = new StreamingQueueProbe(pipeline);
    health.register(
        "ingest.progress",
        new ProgressHealthCheck(metrics.stage(), queue::queued, ProgressHealthCheck.DEFAULT_STALL));
  }

  /** Runs on the engine's thread; an engine that ends while the service stops is expected. */
  private void engineEnded(String source, Throwable error) {
    if (!isStartingOrRunning()) {
      return;
    }
    fail(
        error != null
            ? error
            : new IllegalStateException("source " + source + ": engine ended on its own"));
  }

  private boolean isStartingOrRunning() {
    ServiceLifecycle.State state = state();
    return state == ServiceLifecycle.State.STARTING || state == ServiceLifecycle.State.RUNNING;
  }

  @Override
  protected String describeRunning() {
    return String.format(
        "%d source(s) %s, each streaming while this ingest (%s) holds its lease -> %s and %s",
        keepers.size(),
        keepers.stream().map(LeaseKeeper::source).toList(),
        owner,
        pipeline.hbase().qualifiedTable(),
        pipeline.topics().changes());
  }

  public IngestMetrics metrics() {
    return metrics;
  }

  /**
   * Healthy while every started engine runs (a source standing by has none yet); progress is judged
   * by {@code ingest.last_progress_ms}.
   */
  private final class EnginesHealthCheck extends HealthCheck {
    @Override
    protected Result check() {
      List<String> stopped =
          engines.stream().filter(e -> !e.isRunning()).map(SourceEngine::source).toList();
      if (state() != ServiceLifecycle.State.RUNNING || !stopped.isEmpty()) {
        return Result.unhealthy("ingest is %s; stopped engines: %s", state(), stopped);
      }
      return Result.healthy("%d engine(s) running", engines.size());
    }
  }
}
