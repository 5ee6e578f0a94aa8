package io.widerow.ingest;

import com.codahale.metrics.MetricRegistry;
import com.codahale.metrics.health.HealthCheck;
import com.codahale.metrics.health.HealthCheckRegistry;
import io.widerow.core.change.ChangeEventMapper;
import io.widerow.core.metrics.ProgressHealthCheck;
import io.widerow.core.pipeline.Pipeline;
import io.widerow.core.pipeline.Source;
import io.widerow.core.retry.Retrier;
import io.widerow.core.retry.RetrySettings;
import io.widerow.core.row.KeyPublisher;
import io.widerow.core.row.WideRowStore;
import io.widerow.core.service.ManagedService;
import io.widerow.core.service.NamedCloser;
import io.widerow.core.service.ServiceLifecycle;
import io.widerow.hbase.HBaseErrors;
import io.widerow.hbase.HBaseWideRowStore;
import io.widerow.ingest.debezium.EngineProperties;
import io.widerow.ingest.debezium.SourceEngine;
import io.widerow.ingest.debezium.StreamingQueueProbe;
import io.widerow.ingest.jdbc.SourceCheck;
import io.widerow.kafka.KafkaDeadLetterSink;
import io.widerow.kafka.KafkaErrors;
import io.widerow.kafka.KafkaKeyPublisher;
import io.widerow.kafka.PipelineTopics;
import io.widerow.runtime.ServiceMain;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The ingest service: one CDC engine per source of the pipeline, each batch written to the wide
 * table and its rowkeys published to the changes topic before the source offsets are committed. Any
 * engine's failure stops the whole service; a restart replays from the committed offsets.
 */
public final class IngestService implements ManagedService {

  public static final int DEFAULT_ADMIN_PORT = 28081;

  private static final Logger LOG = LoggerFactory.getLogger(IngestService.class);

  private final Pipeline pipeline;
  private final IngestMetrics metrics;
  private final HealthCheckRegistry health;
  private final Retrier retrier;
  private final ServiceLifecycle lifecycle = new ServiceLifecycle("ingest");
  private final NamedCloser closer = new NamedCloser("ingest");
  private final List<SourceEngine> engines = new CopyOnWriteArrayList<>();
  private final Function<String, String> environment;

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
    this.pipeline = pipeline;
    this.environment = environment;
    this.metrics = new IngestMetrics(registry);
    this.health = health;
    this.retrier =
        new Retrier("ingest", RetrySettings.DEFAULT, metrics.stage().retries())
            .fatalWhen(t -> KafkaErrors.isFatal(t) || HBaseErrors.isFatal(t));
  }

  /** {@code ingest --pipeline FILE [--admin-host HOST] [--admin-port PORT]}. */
  public static void main(String[] args) {
    ServiceMain.main(
        "ingest",
        DEFAULT_ADMIN_PORT,
        args,
        ctx -> new IngestService(ctx.pipeline(), ctx.metrics(), ctx.health()));
  }

  @Override
  public void start() throws Exception {
    lifecycle.starting();
    try {
      // Every password is checked before any client opens: a missing one is bad config.
      Map<Source, String> passwords = new LinkedHashMap<>();
      pipeline
          .sources()
          .forEach(s -> passwords.put(s, EngineProperties.passwordOf(s, environment)));
      // Refused credentials and missing databases or tables are fatal here, before any client
      // opens; a source that is not up yet is retried like any transient failure.
      retrier.run(
          "check sources of pipeline " + pipeline.name(),
          () -> SourceCheck.verify(pipeline, passwords));
      PipelineTopics.ensure(pipeline, retrier);
      WideRowWriter writer = openWriter();
      passwords.forEach((source, password) -> startEngine(source, password, writer));
      health.register("ingest.engines", new EnginesHealthCheck());
      StreamingQueueProbe queue = new StreamingQueueProbe(pipeline);
      health.register(
          "ingest.progress",
          new ProgressHealthCheck(metrics.stage(), queue::queued, Duration.ofSeconds(60)));
    } catch (Exception e) {
      lifecycle.fail(e);
      stop();
      throw e;
    }
    if (lifecycle.running()) {
      LOG.info(
          "ingest of pipeline {} running: {} source(s) -> {} and {}",
          pipeline.name(),
          engines.size(),
          pipeline.hbase().qualifiedTable(),
          pipeline.topics().changes());
    }
  }

  private WideRowWriter openWriter() throws Exception {
    String bootstrap = pipeline.kafka().bootstrapServers();
    String clientId = pipeline.name() + "-ingest";
    // Registered first, closed last: the engines stop before what they write to.
    WideRowStore store =
        closer.register("hbase", HBaseWideRowStore.open(pipeline.hbase(), retrier));
    KeyPublisher keys =
        closer.register(
            "changes producer",
            KafkaKeyPublisher.create(
                bootstrap, clientId + "-changes", pipeline.topics().changes()));
    KafkaDeadLetterSink deadLetters =
        closer.register(
            "dead-letter producer",
            KafkaDeadLetterSink.create(bootstrap, clientId + "-dlq", pipeline.topics().dlq()));
    return new WideRowWriter(
        new ChangeEventMapper(pipeline), store, keys, deadLetters, retrier, metrics);
  }

  private void startEngine(Source source, String password, WideRowWriter writer) {
    SourceEngine engine =
        closer.register(
            "engine " + source.name(),
            SourceEngine.create(pipeline, source, password, writer, metrics, this::engineEnded));
    engines.add(engine);
    engine.start();
  }

  /** Runs on the engine's thread: the stop itself must run elsewhere, as it closes that engine. */
  private void engineEnded(String source, Throwable error) {
    ServiceLifecycle.State state = lifecycle.state();
    if (state != ServiceLifecycle.State.STARTING && state != ServiceLifecycle.State.RUNNING) {
      return;
    }
    lifecycle.fail(
        error != null
            ? error
            : new IllegalStateException("source " + source + ": engine ended on its own"));
    Thread stopper = new Thread(this::stop, "ingest-stop");
    stopper.setDaemon(false);
    stopper.start();
  }

  @Override
  public Optional<Throwable> failure() {
    return Optional.ofNullable(lifecycle.failure());
  }

  @Override
  public void awaitStop() throws Exception {
    lifecycle.await();
  }

  @Override
  public void stop() {
    if (!lifecycle.stopping()) {
      return;
    }
    long start = System.nanoTime();
    closer.close();
    lifecycle.stopped();
    LOG.info(
        "ingest of pipeline {} stopped in {} ms",
        pipeline.name(),
        (System.nanoTime() - start) / 1_000_000);
  }

  public ServiceLifecycle.State state() {
    return lifecycle.state();
  }

  public IngestMetrics metrics() {
    return metrics;
  }

  /** Healthy while every engine runs; progress is judged by {@code ingest.last_progress_ms}. */
  private final class EnginesHealthCheck extends HealthCheck {
    @Override
    protected Result check() {
      List<String> stopped =
          engines.stream().filter(e -> !e.isRunning()).map(SourceEngine::source).toList();
      if (!lifecycle.isRunning() || !stopped.isEmpty()) {
        return Result.unhealthy("ingest is %s; stopped engines: %s", lifecycle.state(), stopped);
      }
      return Result.healthy("%d engine(s) running", engines.size());
    }
  }
}
