package io.widerow.kafka;

import io.widerow.core.pipeline.Pipeline;
import io.widerow.core.pipeline.Topics;
import io.widerow.core.retry.Retrier;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;

/** Creates a pipeline's changes, keys and dead-letter topics when missing; every service may. */
public final class PipelineTopics {

  private PipelineTopics() {}

  /**
   * Deletes every topic of the pipeline (changes, keys, dead letters, ingest offsets and schema
   * history) and the merger's and indexer's consumer groups, so the pipeline starts from nothing.
   */
  public static void delete(Pipeline pipeline) throws InterruptedException, TimeoutException {
    Topics topics = pipeline.topics();
    try (Admin admin = KafkaClients.admin(pipeline.kafka().bootstrapServers())) {
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
    retrier.run("create topics of pipeline " + pipeline.name(), () -> ensure(pipeline));
  }

  public static void ensure(Pipeline pipeline) throws InterruptedException, TimeoutException {
    Topics topics = pipeline.topics();
    int partitions = pipeline.kafka().partitions();
    try (Admin admin = KafkaClients.admin(pipeline.kafka().bootstrapServers())) {
      KafkaClients.ensureTopics(
          admin,
          List.of(
              KafkaClients.keyTopic(topics.changes(), partitions, (short) 1),
              KafkaClients.keyTopic(topics.keys(), partitions, (short) 1),
              KafkaClients.keyTopic(topics.dlq(), 1, (short) 1)));
    }
  }
}
