package io.widerow.indexer;

import com.codahale.metrics.MetricRegistry;
import com.codahale.metrics.health.HealthCheckRegistry;
import io.widerow.core.deadletter.DeadLetterBudget;
import io.widerow.core.deadletter.DeadLetterSink;
import io.widerow.core.document.DocumentBuilder;
import io.widerow.core.pipeline.Pipeline;
import io.widerow.core.pipeline.QuerySpec;
import io.widerow.core.retry.Retrier;
import io.widerow.core.retry.RetrySettings;
import io.widerow.core.row.WideRowStore;
import io.widerow.core.rowkey.RowKeyCodec;
import io.widerow.core.service.FatalException;
import io.widerow.core.service.LifecycleService;
import io.widerow.core.service.NamedCloser;
import io.widerow.elasticsearch.ElasticsearchErrors;
import io.widerow.hbase.HBaseErrors;
import io.widerow.hbase.HBaseWideRowStore;
import io.widerow.indexer.elasticsearch.ElasticsearchDocumentIndex;
import io.widerow.kafka.KafkaErrors;
import io.widerow.kafka.PipelineTopics;
import io.widerow.kafka.StageKafka;
import io.widerow.query.elasticsearch.ElasticsearchDocumentLookup;
import io.widerow.query.explain.Explainer;
import io.widerow.query.http.ExplainEndpoint;
import io.widerow.query.http.QueryServer;
import io.widerow.query.kafka.KafkaPipelineBacklog;
import io.widerow.runtime.ServiceMain;
import io.widerow.runtime.admin.AdminServer;
import java.util.Optional;

/**
 * The indexer's entry class: wires the {@link IndexStage} between the keys topic and Elasticsearch,
 * with HBase for the rows; also serves the query API on its own listener when run as a service
 * (given an admin server) and the pipeline file's {@code query} section says so, and {@code GET
 * /v1/{pipeline}/explain/{key}} on the admin server.
 */
public final class IndexerService extends LifecycleService {

  public static final int DEFAULT_ADMIN_PORT = 28083;
  private static final int MAX_POLL_RECORDS = 1000;

  private final Pipeline pipeline;
  private final IndexerMetrics metrics;
  private final MetricRegistry registry;
  private final HealthCheckRegistry health;
  private final AdminServer admin;
  private final Retrier retrier;
  private final DocumentBuilder builder;
  private final StageKafka kafka;

  public IndexerService(Pipeline pipeline, MetricRegistry registry) {
    this(pipeline, registry, new HealthCheckRegistry(), null);
  }

  /**
   * @param admin the service's admin port; {@code null} (a tool's indexer) serves no query API
   */
  public IndexerService(
      Pipeline pipeline, MetricRegistry registry, HealthCheckRegistry health, AdminServer admin) {
    this(pipeline, registry, health, admin, Optional.empty());
  }

  /**
   * @param instanceId {@code --instance-id}: the consumers are static members of the group
   */
  public IndexerService(
      Pipeline pipeline,
      MetricRegistry registry,
      HealthCheckRegistry health,
      AdminServer admin,
      Optional<String> instanceId) {
    super("indexer", "indexer");
    this.pipeline = pipeline;
    this.metrics = new IndexerMetrics(registry);
    this.registry = registry;
    this.health = health;
    this.admin = admin;
    this.retrier =
        Retrier.forService(
            "indexer",
            metrics.stage().retries(),
            KafkaErrors::isFatal,
            HBaseErrors::isFatal,
            ElasticsearchErrors::isFatal);
    this.builder =
        new DocumentBuilder(pipeline, new RowKeyCodec(pipeline.hbase().saltBuckets())::decode);
    this.kafka = new StageKafka(pipeline, "indexer", instanceId);
  }

  public static void main(String[] args) {
    ServiceMain.main(
        "indexer",
        DEFAULT_ADMIN_PORT,
        args,
        ctx ->
            new IndexerService(
                ctx.pipeline(), ctx.metrics(), ctx.health(), ctx.admin(), ctx.instanceId()));
  }

  @Override
  protected void open(NamedCloser closer) throws Exception {
    PipelineTopics.ensure(pipeline, retrier);
    WideRowStore store =
        closer.register("hbase", HBaseWideRowStore.open(pipeline.hbase(), retrier));
    DocumentIndex index = closer.register("elasticsearch", openIndex());
    try {
      retrier.run("ensure index " + pipeline.elasticsearch().index(), index::ensureExists);
    } catch (FatalException e) {
      // The indexer's first call to Elasticsearch: say which key to mend.
      throw ElasticsearchErrors.refusal(pipeline.elasticsearch(), e).orElse(e);
    }
    DeadLetterSink deadLetters =
        DeadLetterBudget.of(
            "indexer", closer.register("dead-letter producer", kafka.deadLetters()), pipeline);
    if (admin != null && pipeline.query().filter(QuerySpec::servedByIndexer).isPresent()) {
      closer.register("query server", QueryServer.open(pipeline, registry, health));
    }
    if (admin != null) {
      Explainer explainer =
          closer.register(
              "explainer",
              new Explainer(
                  pipeline,
                  store,
                  ElasticsearchDocumentLookup.open(pipeline.elasticsearch()),
                  KafkaPipelineBacklog.open(pipeline),
                  System::currentTimeMillis));
      ExplainEndpoint.register(admin, pipeline.name(), explainer);
    }
    IndexStage stage = new IndexStage(builder, store, index, deadLetters, retrier, metrics);
    closer.register(
        "consumer workers",
        kafka.consume(
            pipeline.topics().keys(),
            MAX_POLL_RECORDS,
            stage::handle,
            metrics.stage(),
            health,
            this::fail));
  }

  private DocumentIndex openIndex() {
    return ElasticsearchDocumentIndex.open(
        pipeline.elasticsearch(), RetrySettings.DEFAULT, metrics.stage().retries());
  }

  @Override
  protected String describeRunning() {
    return pipeline.topics().keys() + " -> " + pipeline.elasticsearch().index();
  }

  public IndexerMetrics metrics() {
    return metrics;
  }
}
