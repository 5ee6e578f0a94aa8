package io.widerow.indexer;

import com.codahale.metrics.MetricRegistry;
import com.codahale.metrics.health.HealthCheckRegistry;
import io.widerow.core.deadletter.DeadLetter;
import io.widerow.core.deadletter.DeadLetterSink;
import io.widerow.core.document.BuildOutcome;
import io.widerow.core.document.BuildOutcome.Ready;
import io.widerow.core.document.BuildOutcome.Rejected;
import io.widerow.core.document.DocumentBuilder;
import io.widerow.core.document.IndexAction;
import io.widerow.core.metrics.ProgressHealthCheck;
import io.widerow.core.pipeline.Pipeline;
import io.widerow.core.pipeline.QuerySpec;
import io.widerow.core.retry.Retrier;
import io.widerow.core.retry.RetrySettings;
import io.widerow.core.row.IncomingMessage;
import io.widerow.core.row.WideRow;
import io.widerow.core.row.WideRowStore;
import io.widerow.core.rowkey.RowKeyCodec;
import io.widerow.core.service.ManagedService;
import io.widerow.core.service.NamedCloser;
import io.widerow.core.service.ServiceLifecycle;
import io.widerow.elasticsearch.ElasticsearchErrors;
import io.widerow.hbase.HBaseErrors;
import io.widerow.hbase.HBaseWideRowStore;
import io.widerow.indexer.elasticsearch.ElasticsearchDocumentIndex;
import io.widerow.kafka.ConsumerWorkers;
import io.widerow.kafka.KafkaDeadLetterSink;
import io.widerow.kafka.KafkaErrors;
import io.widerow.kafka.PipelineTopics;
import io.widerow.query.http.QueryServer;
import io.widerow.runtime.ServiceMain;
import io.widerow.runtime.admin.AdminServer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The indexer: reads keys, reads each entity's wide row and version in one Get, and writes its
 * document (or tombstone) with that version as the external version; offsets are committed only
 * after Elasticsearch and the dead-letter topic acknowledged (invariants 3 and 4). Also serves the
 * query API on its own listener when run as a service (given an admin server) and the pipeline
 * file's {@code query} section says so.
 */
public final class IndexerService implements ManagedService {

  public static final int DEFAULT_ADMIN_PORT = 28083;
  private static final int MAX_POLL_RECORDS = 1000;
  private static final Logger LOG = LoggerFactory.getLogger(IndexerService.class);

  private final Pipeline pipeline;
  private final ServiceLifecycle lifecycle = new ServiceLifecycle("indexer");
  private final NamedCloser closer = new NamedCloser("indexer");
  private final IndexerMetrics metrics;
  private final MetricRegistry registry;
  private final HealthCheckRegistry health;
  private final AdminServer admin;
  private final Retrier retrier;
  private final DocumentBuilder builder;
  private WideRowStore store;
  private DocumentIndex index;
  private DeadLetterSink deadLetters;
  private ConsumerWorkers workers;

  public IndexerService(Pipeline pipeline, MetricRegistry registry) {
    this(pipeline, registry, new HealthCheckRegistry(), null);
  }

  /**
   * @param admin the service's admin port; {@code null} (a tool's indexer) serves no query API
   */
  public IndexerService(
      Pipeline pipeline, MetricRegistry registry, HealthCheckRegistry health, AdminServer admin) {
    this.pipeline = pipeline;
    this.metrics = new IndexerMetrics(registry);
    this.registry = registry;
    this.health = health;
    this.admin = admin;
    this.retrier =
        new Retrier("indexer", RetrySettings.DEFAULT, metrics.stage().retries())
            .fatalWhen(
                t ->
                    KafkaErrors.isFatal(t)
                        || HBaseErrors.isFatal(t)
                        || ElasticsearchErrors.isFatal(t));
    this.builder =
        new DocumentBuilder(pipeline, new RowKeyCodec(pipeline.hbase().saltBuckets())::decode);
  }

  public static void main(String[] args) {
    ServiceMain.main(
        "indexer",
        DEFAULT_ADMIN_PORT,
        args,
        ctx -> new IndexerService(ctx.pipeline(), ctx.metrics(), ctx.health(), ctx.admin()));
  }

  @Override
  public void start() throws Exception {
    lifecycle.starting();
    String bootstrap = pipeline.kafka().bootstrapServers();
    PipelineTopics.ensure(pipeline, retrier);
    store = closer.register("hbase", HBaseWideRowStore.open(pipeline.hbase(), retrier));
    index =
        closer.register(
            "elasticsearch",
            ElasticsearchDocumentIndex.open(
                pipeline.elasticsearch(), RetrySettings.DEFAULT, metrics.stage().retries()));
    retrier.run("ensure index " + pipeline.elasticsearch().index(), index::ensureExists);
    deadLetters =
        closer.register(
            "dead-letter producer",
            KafkaDeadLetterSink.create(
                bootstrap, pipeline.name() + "-indexer-dlq", pipeline.topics().dlq()));
    if (admin != null && pipeline.query().filter(QuerySpec::servedByIndexer).isPresent()) {
      closer.register("query server", QueryServer.open(pipeline, registry, health));
    }
    workers =
        ConsumerWorkers.create(
            pipeline.kafka().workers(),
            bootstrap,
            pipeline.name() + "-indexer",
            pipeline.name() + "-indexer",
            pipeline.topics().keys(),
            MAX_POLL_RECORDS,
            this::handle,
            metrics.stage(),
            lifecycle::fail);
    health.register(
        "indexer.progress",
        new ProgressHealthCheck(metrics.stage(), workers::backlog, Duration.ofSeconds(60)));
    workers.start(this::afterLoop);
    lifecycle.running();
    LOG.info(
        "indexer running: {} -> {}", pipeline.topics().keys(), pipeline.elasticsearch().index());
  }

  /** Runs on a worker's thread when its loop ended: a failed worker stops the service. */
  private void afterLoop() {
    if (lifecycle.failure() != null) {
      stop();
    }
  }

  /** One poll: returns only when every key's document and every dead letter is acknowledged. */
  void handle(List<IncomingMessage> batch) throws Exception {
    metrics.received(batch.size());
    String where = batch.get(0).where() + "+" + batch.size();
    KeyBatch keys = KeyBatch.of(batch);
    List<DeadLetter> letters = new ArrayList<>(keys.poison());
    metrics.poison(letters.size());
    List<WideRow> rows;
    try (var timing = metrics.read().time()) {
      rows =
          retrier.call(
              "read " + keys.rowkeys().size() + " rows of " + where,
              () -> store.read(keys.rowkeys()));
    }
    List<IndexAction> actions = new ArrayList<>(rows.size());
    for (WideRow row : rows) {
      if (shouldSkipUnversioned(row, keys)) {
        continue;
      }
      BuildOutcome outcome = builder.build(row);
      if (outcome instanceof Ready ready) {
        actions.add(ready.action());
      } else {
        letters.add(rowLetter("indexer.document", (Rejected) outcome, keys));
      }
    }
    BulkOutcome written;
    try (var timing = metrics.bulk().time()) {
      written = index.write(actions);
    }
    written.rejected().forEach(r -> letters.add(rowLetter("indexer.bulk", r, keys)));
    metrics.recordErrors(letters.size() - keys.poison().size());
    if (!letters.isEmpty()) {
      retrier.run(
          "dead-letter " + letters.size() + " of " + where, () -> deadLetters.send(letters));
      metrics.deadLettered(letters.size());
    }
    metrics.settled(written, keys.keys());
    LOG.debug(
        "{}: {} keys, {} indexed, {} deleted, {} superseded, {} dead letters",
        where,
        keys.rowkeys().size(),
        written.indexed(),
        written.deleted(),
        written.superseded(),
        letters.size());
  }

  /**
   * A row whose {@code m:v} is 0 was never bumped by the merger. The merger publishes a key only
   * after its bump is acknowledged, so such a key did not come from it (a hand-published key, a
   * replay against a restored table) and the row is absent or not yet announced: a version-0
   * document could not be ordered against later ones, and if the row is ever written the merger's
   * bump brings a key with a real version. Skipping loses nothing.
   */
  private boolean shouldSkipUnversioned(WideRow row, KeyBatch keys) {
    if (row.version() != 0) {
      return false;
    }
    metrics.skippedUnversioned();
    LOG.info(
        "rowkey {} at {} has version 0 (never bumped); skipped",
        row.rowkey(),
        keys.positionOf(row.rowkey()));
    return true;
  }

  private static DeadLetter rowLetter(String stage, Rejected rejected, KeyBatch keys) {
    // The key only, no row content: the operator repairs the source row, and a replay of the key
    // (or the next change) indexes it.
    return new DeadLetter(
        stage,
        rejected.rowkey().getBytes(StandardCharsets.UTF_8),
        null,
        rejected.reason(),
        keys.positionOf(rejected.rowkey()));
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
    if (workers != null) {
      workers.stop(Duration.ofSeconds(30));
    }
    LOG.info("indexer: consumer loop stopped in {} ms", (System.nanoTime() - start) / 1_000_000);
    closer.close();
    lifecycle.stopped();
  }

  public IndexerMetrics metrics() {
    return metrics;
  }
}
