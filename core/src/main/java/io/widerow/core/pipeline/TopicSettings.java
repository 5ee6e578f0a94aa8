package io.widerow.core.pipeline;

/**
 * How durable one kind of topic is made: Kafka keeps {@code replicationFactor} copies and a write
 * succeeds once {@code minInsyncReplicas} of them have it.
 *
 * @param retentionMs how long records are kept; -1 keeps them forever
 */
public record TopicSettings(int replicationFactor, int minInsyncReplicas, long retentionMs) {

  /** Seven days: a consumer group may be down that long without anything expiring under it. */
  public static final long DEFAULT_RETENTION_MS = 7L * 24 * 3600 * 1000;

  /** Ninety days: time to mend the cause of a dead letter and replay it. */
  public static final long DEFAULT_DEAD_LETTER_RETENTION_MS = 90L * 24 * 3600 * 1000;

  public static final int DEFAULT_REPLICATION_FACTOR = 3;
  public static final int DEFAULT_MIN_INSYNC_REPLICAS = 2;

  public TopicSettings {
    if (replicationFactor < 1 || minInsyncReplicas < 1) {
      throw new IllegalArgumentException(
          "replicationFactor and minInsyncReplicas must be at least 1: "
              + replicationFactor
              + ", "
              + minInsyncReplicas);
    }
  }

  /** The topics of every kind, as the pipeline file sets them. */
  public record Kinds(TopicSettings changes, TopicSettings keys, TopicSettings deadLetters) {

    /** The defaults, for a cluster of three brokers or more. */
    public static final Kinds DEFAULT =
        uniform(DEFAULT_REPLICATION_FACTOR, DEFAULT_MIN_INSYNC_REPLICAS);

    /** Every kind with one replication factor and min.insync.replicas, default retention. */
    public static Kinds uniform(int replicationFactor, int minInsyncReplicas) {
      return new Kinds(
          new TopicSettings(replicationFactor, minInsyncReplicas, DEFAULT_RETENTION_MS),
          new TopicSettings(replicationFactor, minInsyncReplicas, DEFAULT_RETENTION_MS),
          new TopicSettings(
              replicationFactor, minInsyncReplicas, DEFAULT_DEAD_LETTER_RETENTION_MS));
    }
  }
}
