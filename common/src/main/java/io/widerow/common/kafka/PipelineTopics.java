package io.widerow.common.kafka;

import io.widerow.common.pipeline.Pipeline;
import io.widerow.common.pipeline.Topics;
import java.util.List;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;

/** Creates a pipeline's changes, keys and dead-letter topics when missing; every service may. */
public final class PipelineTopics {

  private PipelineTopics() {}

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
