package io.widerow.merger;

import com.codahale.metrics.MetricRegistry;
import com.codahale.metrics.health.HealthCheckRegistry;
import io.widerow.core.deadletter.DeadLetterSink;
import io.widerow.core.metrics.ProgressHealthCheck;
import io.widerow.core.metrics.StageMetrics;
import io.widerow.core.pipeline.Pipeline;
import io.widerow.core.retry.Retrier;
import io.widerow.core.retry.RetrySettings;
import io.widerow.core.row.IncomingMessage;
import io.widerow.core.row.KeyPublisher;
import io.widerow.core.row.WideRowStore;
import io.widerow.core.service.ManagedService;
import io.widerow.core.service.NamedCloser;
import io.widerow.core.service.ServiceLifecycle;
import io.widerow.hbase.HBaseErrors;
import io.widerow.hbase.HBaseWideRowStore;
import io.widerow.kafka.ConsumerWorkers;
import io.widerow.kafka.KafkaDeadLetterSink;
import io.widerow.kafka.KafkaErrors;
import io.widerow.kafka.KafkaKeyPublisher;
import io.widerow.kafka.PipelineTopics;
import io.widerow.runtime.ServiceMain;
import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The merger: reads change keys, bumps each wide row's version once per poll, and hands the keys to
 * the indexer; offsets are committed only after the keys topic acknowledged (invariants 3 and 4).
 */
public final class MergerService implements ManagedService {

  public static final int DEFAULT_ADMIN_PORT = 28082;
  private static final int MAX_POLL_RECORDS = 5000;
  private static final Logger LOG = LoggerFactory.getLogger(MergerService.class);

  private final Pipeline pipeline;
  private final ServiceLifecycle lifecycle = new ServiceLifecycle("merger");
  private final NamedCloser closer = new NamedCloser("merger");
  private final StageMetrics metrics;
  private final HealthCheckRegistry health;
  private final KeyCoalescer coalescer = new KeyCoalescer("merger");
  private final Retrier retrier;
  private VersionBumper bumper;
  private KeyPublisher publisher;
  private DeadLetterSink deadLetters;
  private ConsumerWorkers workers;

  public MergerService(Pipeline pipeline, MetricRegistry registry, HealthCheckRegistry health) {
    this.pipeline = pipeline;
    this.metrics = new StageMetrics(registry, "merger");
    this.health = health;
    this.retrier =
        new Retrier("merger", RetrySettings.DEFAULT, metrics.retries())
            .fatalWhen(t -> KafkaErrors.isFatal(t) || HBaseErrors.isFatal(t));
  }

  public static void main(String[] args) {
    ServiceMain.main(
        "merger",
        DEFAULT_ADMIN_PORT,
        args,
        ctx -> new MergerService(ctx.pipeline(), ctx.metrics(), ctx.health()));
  }

  @Override
  public void start() throws Exception {
    lifecycle.starting();
    String bootstrap = pipeline.kafka().bootstrapServers();
    PipelineTopics.ensure(pipeline, retrier);
    WideRowStore store =
        closer.register("hbase", HBaseWideRowStore.open(pipeline.hbase(), retrier));
    bumper = new VersionBumper(store, retrier);
    publisher = closer.register("keys producer", publisherFor(bootstrap));
    KafkaDeadLetterSink dlq =
        KafkaDeadLetterSink.create(
            bootstrap, pipeline.name() + "-merger-dlq", pipeline.topics().dlq());
    deadLetters = closer.register("dead-letter producer", dlq);
    workers =
        ConsumerWorkers.create(
            pipeline.kafka().workers(),
            bootstrap,
            pipeline.name() + "-merger",
            pipeline.name() + "-merger",
            pipeline.topics().changes(),
            MAX_POLL_RECORDS,
            this::handle,
            metrics,
            this::failed);
    health.register(
        "merger.progress",
        new ProgressHealthCheck(metrics, workers::backlog, Duration.ofSeconds(60)));
    workers.start(this::afterLoop);
    lifecycle.running();
    LOG.info("merger running: {} -> {}", pipeline.topics().changes(), pipeline.topics().keys());
  }

  private KeyPublisher publisherFor(String bootstrap) {
    return KafkaKeyPublisher.create(
        bootstrap, pipeline.name() + "-merger-keys", pipeline.topics().keys());
  }

  /** Runs on a worker's thread when its loop ended: a failed worker stops the service. */
  private void afterLoop() {
    if (lifecycle.failure() != null) {
      stop();
    }
  }

  void handle(List<IncomingMessage> batch) throws Exception {
    metrics.received(batch.size());
    KeyCoalescer.Coalesced coalesced = coalescer.coalesce(batch);
    String where = batch.get(0).where() + "+" + batch.size();
    if (!coalesced.deadLetters().isEmpty()) {
      retrier.run("dead-letter " + where, () -> deadLetters.send(coalesced.deadLetters()));
      coalesced.deadLetters().forEach(d -> metrics.deadLettered());
    }
    bumper.bump(coalesced.keys(), where);
    retrier.run("publish keys of " + where, () -> publisher.publish(coalesced.keys()));
    metrics.delivered(coalesced.keys().size());
    coalesced.keys().forEach(k -> metrics.lagFrom(k.sourceTsMs()));
  }

  private void failed(Throwable t) {
    lifecycle.fail(t);
  }

  @Override
  public java.util.Optional<Throwable> failure() {
    return java.util.Optional.ofNullable(lifecycle.failure());
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
    if (workers != null) {
      workers.stop(Duration.ofSeconds(30));
    }
    closer.close();
    lifecycle.stopped();
  }

  /** Keys handed to the indexer so far; for progress output. */
  public long keysPublished() {
    return metrics.delivered();
  }
}
