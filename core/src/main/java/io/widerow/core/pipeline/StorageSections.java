package io.widerow.core.pipeline;

import static io.widerow.core.pipeline.PipelineKeys.DEAD_LETTERS;
import static io.widerow.core.pipeline.PipelineKeys.DEAD_LETTERS_MAX_PER_MINUTE;
import static io.widerow.core.pipeline.PipelineKeys.HBASE;
import static io.widerow.core.pipeline.PipelineKeys.HBASE_NAMESPACE;
import static io.widerow.core.pipeline.PipelineKeys.HBASE_SALT_BUCKETS;
import static io.widerow.core.pipeline.PipelineKeys.HBASE_TABLE;
import static io.widerow.core.pipeline.PipelineKeys.HBASE_ZOOKEEPER;
import static io.widerow.core.pipeline.PipelineKeys.KAFKA;
import static io.widerow.core.pipeline.PipelineKeys.KAFKA_BOOTSTRAP;
import static io.widerow.core.pipeline.PipelineKeys.KAFKA_PARTITIONS;
import static io.widerow.core.pipeline.PipelineKeys.KAFKA_TOPIC_PREFIX;
import static io.widerow.core.pipeline.PipelineKeys.KAFKA_WORKERS;

import java.util.Map;
import java.util.Optional;

/**
 * Reads {@code hbase} and {@code kafka}, where the wide rows and the change keys go, and {@code
 * deadLetters}, what may be set aside there.
 */
final class StorageSections {

  // Kafka's limit on a topic name.
  private static final int MAX_TOPIC_LENGTH = 249;

  private StorageSections() {}

  static Optional<HBaseSpec> hbase(ConfigMap file) {
    Optional<ConfigMap> section = file.map(HBASE);
    if (section.isEmpty()) {
      return Optional.empty();
    }
    ConfigMap hbase = section.get().allowOnlyDefined();
    // The cluster's configuration files may give the quorum.
    Optional<String> zookeeper =
        !hbase.has(HBASE_ZOOKEEPER) && SecuritySections.hasConfigFiles(hbase)
            ? Optional.of("")
            : Names.hostPorts(hbase, HBASE_ZOOKEEPER);
    Optional<String> namespace = hbase.text(HBASE_NAMESPACE);
    Optional<String> table = hbase.text(HBASE_TABLE);
    Optional<Integer> saltBuckets = hbase.integer(HBASE_SALT_BUCKETS);
    Optional<HBaseAccess> access = SecuritySections.hbaseAccess(hbase);
    if (zookeeper.isEmpty()
        || namespace.isEmpty()
        || table.isEmpty()
        || saltBuckets.isEmpty()
        || access.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(
        new HBaseSpec(
            zookeeper.get(), namespace.get(), table.get(), saltBuckets.get(), access.get()));
  }

  static Optional<KafkaSpec> kafka(ConfigMap file, Optional<String> pipelineName) {
    Optional<ConfigMap> section = file.map(KAFKA);
    if (section.isEmpty()) {
      return Optional.empty();
    }
    ConfigMap kafka = section.get().allowOnlyDefined();
    Optional<String> bootstrap = Names.hostPorts(kafka, KAFKA_BOOTSTRAP);
    Optional<String> prefix = kafka.text(KAFKA_TOPIC_PREFIX);
    Optional<Integer> partitions = kafka.integer(KAFKA_PARTITIONS);
    if (prefix.isPresent() && pipelineName.isPresent()) {
      checkTopicLength(kafka, prefix.get(), pipelineName.get());
    }
    Optional<KafkaSecurity> security = SecuritySections.kafkaSecurity(kafka);
    Optional<TopicSettings.Kinds> topics = SecuritySections.topics(kafka);
    Optional<Map<String, String>> properties = SecuritySections.kafkaProperties(kafka, security);
    if (bootstrap.isEmpty()
        || prefix.isEmpty()
        || partitions.isEmpty()
        || security.isEmpty()
        || topics.isEmpty()
        || properties.isEmpty()) {
      return Optional.empty();
    }
    int p = partitions.get();
    // More workers than partitions would sit idle: Kafka gives a partition to one consumer.
    Optional<Integer> workers = kafka.integer(KAFKA_WORKERS, p, KafkaSpec.defaultWorkers(p));
    if (workers.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(
        new KafkaSpec(
            bootstrap.get(),
            prefix.get(),
            p,
            workers.get(),
            security.get(),
            topics.get(),
            properties.get()));
  }

  static Optional<DeadLetterSpec> deadLetters(ConfigMap file) {
    if (!file.has(DEAD_LETTERS)) {
      return Optional.of(DeadLetterSpec.DEFAULT);
    }
    Optional<ConfigMap> section = file.map(DEAD_LETTERS);
    if (section.isEmpty()) {
      return Optional.empty();
    }
    return section
        .get()
        .allowOnlyDefined()
        .integer(DEAD_LETTERS_MAX_PER_MINUTE)
        .map(DeadLetterSpec::new);
  }

  private static void checkTopicLength(ConfigMap kafka, String prefix, String pipeline) {
    String longest = Topics.of(prefix, pipeline).schemaHistory();
    if (longest.length() > MAX_TOPIC_LENGTH) {
      kafka
          .errors()
          .add(
              kafka.pathOf(KAFKA_TOPIC_PREFIX),
              "topic '"
                  + longest
                  + "' would be "
                  + longest.length()
                  + " characters; expected a shorter prefix or pipeline name (Kafka allows "
                  + MAX_TOPIC_LENGTH
                  + ")");
    }
  }
}
