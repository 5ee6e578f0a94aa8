package io.widerow.core.pipeline;

import java.util.Optional;

/** Reads {@code hbase} and {@code kafka}: where the wide rows and the change keys go. */
final class StorageSections {

  // Kafka's limit on a topic name.
  private static final int MAX_TOPIC_LENGTH = 249;

  private StorageSections() {}

  static Optional<HBaseSpec> hbase(ConfigMap file) {
    Optional<ConfigMap> section =
        file.map("hbase", "a mapping {zookeeper, namespace, table, saltBuckets}");
    if (section.isEmpty()) {
      return Optional.empty();
    }
    ConfigMap hbase = section.get().allowOnly("zookeeper", "namespace", "table", "saltBuckets");
    Optional<String> zookeeper = Names.hostPorts(hbase, "zookeeper");
    Optional<String> namespace =
        hbase.text("namespace", Names.HBASE_NAMESPACE, Names.HBASE_NAMESPACE_EXPECTED);
    Optional<String> table = hbase.text("table", Names.HBASE_TABLE, Names.HBASE_TABLE_EXPECTED);
    // The salt is two hex digits (see RowKeyCodec), so at most 256 buckets.
    Optional<Integer> saltBuckets = hbase.integer("saltBuckets", 1, 256);
    if (zookeeper.isEmpty() || namespace.isEmpty() || table.isEmpty() || saltBuckets.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(
        new HBaseSpec(zookeeper.get(), namespace.get(), table.get(), saltBuckets.get()));
  }

  static Optional<KafkaSpec> kafka(ConfigMap file, Optional<String> pipelineName) {
    Optional<ConfigMap> section =
        file.map("kafka", "a mapping {bootstrap, topicPrefix, partitions, workers}");
    if (section.isEmpty()) {
      return Optional.empty();
    }
    ConfigMap kafka = section.get().allowOnly("bootstrap", "topicPrefix", "partitions", "workers");
    Optional<String> bootstrap = Names.hostPorts(kafka, "bootstrap");
    Optional<String> prefix =
        kafka.text("topicPrefix", Names.TOPIC_PREFIX, Names.TOPIC_PREFIX_EXPECTED);
    Optional<Integer> partitions = kafka.integer("partitions", 1, Integer.MAX_VALUE);
    if (prefix.isPresent() && pipelineName.isPresent()) {
      checkTopicLength(kafka, prefix.get(), pipelineName.get());
    }
    if (bootstrap.isEmpty() || prefix.isEmpty() || partitions.isEmpty()) {
      return Optional.empty();
    }
    int p = partitions.get();
    // More workers than partitions would sit idle: Kafka gives a partition to one consumer.
    Optional<Integer> workers = kafka.integer("workers", 1, p, KafkaSpec.defaultWorkers(p));
    if (workers.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(new KafkaSpec(bootstrap.get(), prefix.get(), p, workers.get()));
  }

  private static void checkTopicLength(ConfigMap kafka, String prefix, String pipeline) {
    String longest = Topics.of(prefix, pipeline).schemaHistory();
    if (longest.length() > MAX_TOPIC_LENGTH) {
      kafka
          .errors()
          .add(
              kafka.pathOf("topicPrefix"),
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
