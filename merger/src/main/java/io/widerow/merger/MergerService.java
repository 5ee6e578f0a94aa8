package io.widerow.merger;

import com.codahale.metrics.MetricRegistry;
import com.codahale.metrics.health.HealthCheckRegistry;
import io.widerow.core.deadletter.DeadLetterBudget;
import io.widerow.core.deadletter.DeadLetterSink;
import io.widerow.core.metrics.StageMetrics;
import io.widerow.core.pipeline.Pipeline;
import io.widerow.core.retry.Retrier;
import io.widerow.core.row.KeyPublisher;
import io.widerow.core.row.WideRowStore;
import io.widerow.core.service.LifecycleService;
import io.widerow.core.service.NamedCloser;
import io.widerow.hbase.HBaseErrors;
import io.widerow.hbase.HBaseWideRowStore;
import io.widerow.kafka.KafkaErrors;
import io.widerow.kafka.PipelineTopics;
import io.widerow.kafka.StageKafka;
import io.widerow.runtime.ServiceMain;
import java.util.Optional;

/**
 * The merger's entry class: wires the {@link MergeStage} between the changes topic and the keys
 * topic, with HBase for the version counters.
 */
public final class MergerService extends LifecycleService {

  public static final int DEFAULT_ADMIN_PORT = 28082;
  private static final int MAX_POLL_RECORDS = 5000;

  private final Pipeline pipeline;
  private final StageMetrics metrics;
  private final HealthCheckRegistry health;
  private final Retrier retrier;
  private final StageKafka kafka;

  public MergerService(Pipeline pipeline, MetricRegistry registry, HealthCheckRegistry health) {
    this(pipeline, registry, health, Optional.empty());
  }

  /**
   * @param instanceId {@code --instance-id}: the consumers are static members of the group
   */
  public MergerService(
      Pipeline pipeline,
      MetricRegistry registry,
      HealthCheckRegistry health,
      Optional<String> instanceId) {
    super("merger", "merger");
    this.pipeline = pipeline;
    this.metrics = new StageMetrics(registry, "merger");
    this.health = health;
    this.retrier =
        Retrier.forService("merger", metrics.retries(), KafkaErrors::isFatal, HBaseErrors::isFatal);
    this.kafka = new StageKafka(pipeline, "merger", instanceId);
  }

  public static void main(String[] args) {
    ServiceMain.main(
        "merger",
        DEFAULT_ADMIN_PORT,
        args,
        ctx -> new MergerService(ctx.pipeline(), ctx.metrics(), ctx.health(), ctx.instanceId()));
  }

  @Override
  protected void open(NamedCloser closer) throws Exception {
    PipelineTopics.ensure(pipeline, retrier);
    WideRowStore store =
        closer.register("hbase", HBaseWideRowStore.open(pipeline.hbase(), retrier));
    KeyPublisher keys = closer.register("keys producer", kafka.keysPublisher());
    DeadLetterSink deadLetters =
        DeadLetterBudget.of(
            "merger", closer.register("dead-letter producer", kafka.deadLetters()), pipeline);
    MergeStage stage = new MergeStage(store, keys, deadLetters, retrier, metrics);
    closer.register(
        "consumer workers",
        kafka.consume(
            pipeline.topics().changes(),
            MAX_POLL_RECORDS,
            stage::handle,
            metrics,
            health,
            this::fail));
  }

  @Override
  protected String describeRunning() {
    return pipeline.topics().changes() + " -> " + pipeline.topics().keys();
  }

  /** Keys handed to the indexer so far; for progress output. */
  public long keysPublished() {
    return metrics.delivered();
  }
}
