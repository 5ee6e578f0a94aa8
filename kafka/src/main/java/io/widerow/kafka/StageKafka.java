package io.widerow.kafka;

import com.codahale.metrics.health.HealthCheckRegistry;
import io.widerow.core.metrics.ProgressHealthCheck;
import io.widerow.core.metrics.StageMetrics;
import io.widerow.core.pipeline.KafkaSpec;
import io.widerow.core.pipeline.Pipeline;
import java.util.Optional;

/**
 * The Kafka clients of one stage of a pipeline, named the same way in every service: clients {@code
 * <pipeline>-<stage>-<role>}, consumer group {@code <pipeline>-<stage>}, so that the broker's view
 * says whose they are.
 */
public final class StageKafka {

  private final Pipeline pipeline;
  private final String stage;
  private final Optional<String> instanceId;

  public StageKafka(Pipeline pipeline, String stage) {
    this(pipeline, stage, Optional.empty());
  }

  /**
   * @param instanceId the process's {@code --instance-id}: its consumers are then static group
   *     members
   */
  public StageKafka(Pipeline pipeline, String stage, Optional<String> instanceId) {
    this.pipeline = pipeline;
    this.stage = stage;
    this.instanceId = instanceId;
  }

  /** A publisher to the changes topic, for ingest. */
  public KafkaKeyPublisher changesPublisher() {
    return KafkaKeyPublisher.create(bootstrap(), clientId("changes"), pipeline.topics().changes());
  }

  /** A publisher to the keys topic, for the merger. */
  public KafkaKeyPublisher keysPublisher() {
    return KafkaKeyPublisher.create(bootstrap(), clientId("keys"), pipeline.topics().keys());
  }

  public KafkaDeadLetterSink deadLetters() {
    return KafkaDeadLetterSink.create(bootstrap(), clientId("dlq"), pipeline.topics().dlq());
  }

  /**
   * Starts the pipeline's configured number of workers on {@code topic}, each handing its polls to
   * {@code handler}, and registers {@code <stage>.progress}, judged by their backlog.
   */
  public ConsumerWorkers consume(
      String topic,
      int maxPollRecords,
      ConsumeLoop.BatchHandler handler,
      StageMetrics metrics,
      HealthCheckRegistry health,
      ConsumeLoop.FailureListener onFailure) {
    String group = pipeline.name() + "-" + stage;
    ConsumerWorkers workers =
        ConsumerWorkers.create(
            pipeline.kafka().workers(),
            bootstrap(),
            group,
            group,
            instanceId,
            topic,
            maxPollRecords,
            handler,
            metrics,
            onFailure);
    health.register(
        stage + ".progress",
        new ProgressHealthCheck(metrics, workers::backlog, ProgressHealthCheck.DEFAULT_STALL));
    metrics.backlogFrom(workers::backlog);
    workers.start();
    return workers;
  }

  private KafkaSpec bootstrap() {
    return pipeline.kafka();
  }

  private String clientId(String role) {
    return pipeline.name() + "-" + stage + "-" + role;
  }
}
