package io.widerow.kafka;

import io.widerow.core.pipeline.Pipeline;
import io.widerow.core.pipeline.TopicSettings;
import io.widerow.core.pipeline.Topics;
import io.widerow.core.retry.Retrier;
import io.widerow.core.service.FatalException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.config.ConfigResource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Creates a pipeline's changes, keys and dead-letter topics when missing; every service may. */
public final class PipelineTopics {

  private static final Logger LOG = LoggerFactory.getLogger(PipelineTopics.class);

  private PipelineTopics() {}

  /**
   * Deletes every topic of the pipeline (changes, keys, dead letters, ingest offsets and schema
   * history) and the merger's and indexer's consumer groups, so the pipeline starts from nothing.
   */
  public static void delete(Pipeline pipeline) throws InterruptedException, TimeoutException {
    Topics topics = pipeline.topics();
    try (Admin admin = KafkaClients.admin(pipeline.kafka())) {
      java.util.Set<String> existing = admin.listTopics().names().get(30, TimeUnit.SECONDS);
      List<String> ours =
          java.util.stream.Stream.of(
                  topics.changes(),
                  topics.keys(),
                  topics.dlq(),
                  topics.offsets(),
                  topics.schemaHistory())
              .filter(existing::contains)
              .toList();
      admin.deleteTopics(ours).all().get(30, TimeUnit.SECONDS);
      List<String> groups = List.of(pipeline.name() + "-merger", pipeline.name() + "-indexer");
      try {
        admin.deleteConsumerGroups(groups).all().get(30, TimeUnit.SECONDS);
      } catch (ExecutionException e) {
        // A group that never committed does not exist: nothing to delete.
      }
    } catch (ExecutionException e) {
      throw new IllegalStateException(
          "cannot delete the topics of " + pipeline.name(), e.getCause());
    }
  }

  /**
   * {@link #ensure(Pipeline)} at a service's start-up: a Kafka still starting (or restarting) is
   * retried like any transient failure.
   */
  public static void ensure(Pipeline pipeline, Retrier retrier) throws Exception {
    try {
      retrier.run("create topics of pipeline " + pipeline.name(), () -> ensure(pipeline));
    } catch (FatalException e) {
      // The first call of every service to Kafka: say which key to mend.
      throw KafkaErrors.refusal(pipeline.kafka(), e).orElse(e);
    }
  }

  /**
   * Creates the missing topics with the replication, min.insync.replicas and retention the file
   * sets per kind, then checks the existing ones: a difference is logged, a replication factor
   * below min.insync.replicas is fatal.
   */
  public static void ensure(Pipeline pipeline) throws InterruptedException, TimeoutException {
    Topics topics = pipeline.topics();
    int partitions = pipeline.kafka().partitions();
    TopicSettings.Kinds kinds = pipeline.kafka().topics();
    Map<String, TopicSettings> expected = new LinkedHashMap<>();
    expected.put(topics.changes(), kinds.changes());
    expected.put(topics.keys(), kinds.keys());
    expected.put(topics.dlq(), kinds.deadLetters());
    Map<String, String> keyOf =
        Map.of(
            topics.changes(), "kafka.topics.changes",
            topics.keys(), "kafka.topics.keys",
            topics.dlq(), "kafka.topics.deadLetters");
    try (Admin admin = KafkaClients.admin(pipeline.kafka())) {
      KafkaClients.ensureTopics(
          admin,
          List.of(
              KafkaClients.topic(topics.changes(), partitions, kinds.changes()),
              KafkaClients.topic(topics.keys(), partitions, kinds.keys()),
              KafkaClients.topic(topics.dlq(), 1, kinds.deadLetters())));
      check(admin, expected, keyOf);
    }
  }

  private static void check(
      Admin admin, Map<String, TopicSettings> expected, Map<String, String> keyOf)
      throws InterruptedException, TimeoutException {
    try {
      Map<String, TopicDescription> described =
          admin.describeTopics(expected.keySet()).allTopicNames().get(30, TimeUnit.SECONDS);
      List<ConfigResource> resources =
          expected.keySet().stream()
              .map(t -> new ConfigResource(ConfigResource.Type.TOPIC, t))
              .toList();
      Map<ConfigResource, Config> configs =
          admin.describeConfigs(resources).all().get(30, TimeUnit.SECONDS);
      for (var entry : expected.entrySet()) {
        String topic = entry.getKey();
        int factor = described.get(topic).partitions().get(0).replicas().size();
        Optional<Integer> minInsync =
            Optional.ofNullable(
                    configs
                        .get(new ConfigResource(ConfigResource.Type.TOPIC, topic))
                        .get("min.insync.replicas"))
                .map(ConfigEntry::value)
                .map(Integer::valueOf);
        TopicDurability.judge(topic, factor, minInsync, entry.getValue(), keyOf.get(topic))
            .forEach(LOG::warn);
      }
    } catch (ExecutionException e) {
      throw new IllegalStateException("cannot describe the pipeline's topics", e.getCause());
    }
  }
}
