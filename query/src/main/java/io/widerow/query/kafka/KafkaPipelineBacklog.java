package io.widerow.query.kafka;

import io.widerow.core.pipeline.Pipeline;
import io.widerow.kafka.KafkaClients;
import io.widerow.query.explain.PipelineBacklog;
import io.widerow.query.explain.StageBacklog;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.internals.BuiltInPartitioner;
import org.apache.kafka.common.TopicPartition;

/**
 * The backlog on a rowkey's partitions: the changes topic for the merger's group, the keys topic
 * for the indexer's, each as the topic's end offset less what the group committed. Both topics are
 * keyed by rowkey with the producer's default partitioner, so one rowkey always lands on the same
 * partition of each.
 */
public final class KafkaPipelineBacklog implements PipelineBacklog {

  private static final long TIMEOUT_SECONDS = 15;

  private final Admin admin;
  private final Pipeline pipeline;

  public KafkaPipelineBacklog(Admin admin, Pipeline pipeline) {
    this.admin = admin;
    this.pipeline = pipeline;
  }

  /** A backlog reader with an admin client of its own, closed with it. */
  public static KafkaPipelineBacklog open(Pipeline pipeline) {
    return new KafkaPipelineBacklog(KafkaClients.admin(pipeline.kafka()), pipeline);
  }

  @Override
  public List<StageBacklog> backlogOf(String rowkey) throws Exception {
    byte[] key = rowkey.getBytes(StandardCharsets.UTF_8);
    List<StageBacklog> backlog = new ArrayList<>(2);
    backlog.add(backlog("merger", pipeline.topics().changes(), key));
    backlog.add(backlog("indexer", pipeline.topics().keys(), key));
    return backlog;
  }

  private StageBacklog backlog(String stage, String topic, byte[] key) throws Exception {
    int partitions =
        admin
            .describeTopics(List.of(topic))
            .allTopicNames()
            .get(TIMEOUT_SECONDS, TimeUnit.SECONDS)
            .get(topic)
            .partitions()
            .size();
    TopicPartition partition =
        new TopicPartition(topic, BuiltInPartitioner.partitionForKey(key, partitions));
    long end =
        admin
            .listOffsets(Map.of(partition, OffsetSpec.latest()))
            .partitionResult(partition)
            .get(TIMEOUT_SECONDS, TimeUnit.SECONDS)
            .offset();
    Map<TopicPartition, OffsetAndMetadata> committed =
        admin
            .listConsumerGroupOffsets(pipeline.name() + "-" + stage)
            .partitionsToOffsetAndMetadata()
            .get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
    OffsetAndMetadata done = committed.get(partition);
    return new StageBacklog(
        stage, topic, partition.partition(), end - (done == null ? 0 : done.offset()));
  }

  @Override
  public void close() {
    admin.close();
  }
}
