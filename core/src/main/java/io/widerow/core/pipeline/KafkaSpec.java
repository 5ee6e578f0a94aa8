package io.widerow.core.pipeline;

/**
 * The Kafka cluster and topic naming.
 *
 * @param partitions partitions of the changes and keys topics (the services' parallelism)
 * @param workers consumers the merger and the indexer each run in parallel, 1..{@code partitions}
 */
public record KafkaSpec(String bootstrapServers, String topicPrefix, int partitions, int workers) {

  /** A spec with the default number of workers. */
  public KafkaSpec(String bootstrapServers, String topicPrefix, int partitions) {
    this(bootstrapServers, topicPrefix, partitions, defaultWorkers(partitions));
  }

  /** The default of {@code kafka.workers}, as {@link PipelineKeys} defines it. */
  public static int defaultWorkers(int partitions) {
    return PipelineKeys.defaultWorkers(partitions);
  }
}
