package io.widerow.core.pipeline;

/**
 * The Kafka cluster and topic naming.
 *
 * @param partitions partitions of the changes and keys topics (the services' parallelism)
 * @param workers consumers the merger and the indexer each run in parallel, 1..{@code partitions}
 */
public record KafkaSpec(String bootstrapServers, String topicPrefix, int partitions, int workers) {

  /** The most workers a service runs by default, whatever the partition count. */
  public static final int MAX_DEFAULT_WORKERS = 4;

  /** A spec with the default number of workers. */
  public KafkaSpec(String bootstrapServers, String topicPrefix, int partitions) {
    this(bootstrapServers, topicPrefix, partitions, defaultWorkers(partitions));
  }

  /**
   * One worker per partition, at most {@link #MAX_DEFAULT_WORKERS}: a worker spends most of its
   * time waiting on a server, so a few overlap well even on two cores, while every further consumer
   * costs a connection, fetch buffers and a share of each rebalance.
   */
  public static int defaultWorkers(int partitions) {
    return Math.max(1, Math.min(partitions, MAX_DEFAULT_WORKERS));
  }
}
