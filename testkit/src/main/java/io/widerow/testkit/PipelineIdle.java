package io.widerow.testkit;

import io.widerow.core.pipeline.Pipeline;
import io.widerow.kafka.KafkaClients;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * Whether merger and indexer have caught up: each group committed up to the end of its topic.
 * Offsets are committed only after the next stage acknowledged (invariant 4), so once the merger's
 * group is at the end of the changes topic every key is in the keys topic, and once the indexer's
 * group is at the end of that, every document is written. Checked in that order for that reason.
 */
public final class PipelineIdle implements AutoCloseable {

  private final Admin admin;
  private final Pipeline pipeline;

  public PipelineIdle(Pipeline pipeline) {
    this.pipeline = pipeline;
    this.admin = KafkaClients.admin(pipeline.kafka());
  }

  public boolean isIdle() throws Exception {
    return lag(pipeline.name() + "-merger", pipeline.topics().changes()) == 0
        && lag(pipeline.name() + "-indexer", pipeline.topics().keys()) == 0;
  }

  /** Records of {@code topic} not yet committed by {@code group}. */
  public long lag(String group, String topic) throws Exception {
    Map<TopicPartition, OffsetAndMetadata> committed =
        admin
            .listConsumerGroupOffsets(group)
            .partitionsToOffsetAndMetadata()
            .get(30, TimeUnit.SECONDS);
    int partitions =
        admin
            .describeTopics(List.of(topic))
            .allTopicNames()
            .get(30, TimeUnit.SECONDS)
            .get(topic)
            .partitions()
            .size();
    Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
    for (int p = 0; p < partitions; p++) {
      latest.put(new TopicPartition(topic, p), OffsetSpec.latest());
    }
    long lag = 0;
    for (var end : admin.listOffsets(latest).all().get(30, TimeUnit.SECONDS).entrySet()) {
      OffsetAndMetadata done = committed.get(end.getKey());
      lag += end.getValue().offset() - (done == null ? 0 : done.offset());
    }
    return lag;
  }

  @Override
  public void close() {
    admin.close();
  }
}
