package io.widerow.core.pipeline;

import java.util.Map;

/**
 * The Kafka cluster and topic naming.
 *
 * @param partitions partitions of the changes and keys topics (the services' parallelism)
 * @param workers consumers the merger and the indexer each run in parallel, 1..{@code partitions}
 * @param security how every client authenticates and encrypts
 * @param topics the replication and retention of each kind of topic
 * @param properties client settings passed to every Kafka client as they are
 */
public record KafkaSpec(
    String bootstrapServers,
    String topicPrefix,
    int partitions,
    int workers,
    KafkaSecurity security,
    TopicSettings.Kinds topics,
    Map<String, String> properties) {

  public KafkaSpec {
    properties = Map.copyOf(properties);
  }

  /** A plaintext spec with the default topics and workers. */
  public KafkaSpec(String bootstrapServers, String topicPrefix, int partitions) {
    this(bootstrapServers, topicPrefix, partitions, defaultWorkers(partitions));
  }

  /** A plaintext spec with the default topics. */
  public KafkaSpec(String bootstrapServers, String topicPrefix, int partitions, int workers) {
    this(
        bootstrapServers,
        topicPrefix,
        partitions,
        workers,
        KafkaSecurity.PLAINTEXT,
        TopicSettings.Kinds.DEFAULT,
        Map.of());
  }

  /** The same cluster, security and topic durability, with other topics. */
  public KafkaSpec withTopics(String newPrefix, int newPartitions) {
    return new KafkaSpec(
        bootstrapServers,
        newPrefix,
        newPartitions,
        defaultWorkers(newPartitions),
        security,
        topics,
        properties);
  }

  /** The default of {@code kafka.workers}, as {@link PipelineKeys} defines it. */
  public static int defaultWorkers(int partitions) {
    return PipelineKeys.defaultWorkers(partitions);
  }
}
