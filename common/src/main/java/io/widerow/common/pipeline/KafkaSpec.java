package io.widerow.common.pipeline;

/**
 * The Kafka cluster and topic naming.
 *
 * @param partitions partitions of the changes and keys topics (the services' parallelism)
 */
public record KafkaSpec(String bootstrapServers, String topicPrefix, int partitions) {}
