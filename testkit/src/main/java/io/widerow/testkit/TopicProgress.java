package io.widerow.testkit;

import io.widerow.core.pipeline.Pipeline;
import io.widerow.kafka.KafkaClients;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * Where the pipeline's two topics stand: records produced (end offsets) and records each consumer
 * group committed. The merger and indexer commit only after the next stage acknowledged (invariant
 * 4), so a group at the end of its topic has handed everything on.
 */
public final class TopicProgress implements AutoCloseable {

  /** Produced and committed records of the changes topic (merger) and the keys topic (indexer). */
  public record Snapshot(long changes, long mergerCommitted, long keys, long indexerCommitted) {
    public long lag() {
      return (changes - mergerCommitted) + (keys - indexerCommitted);
    }
  }

  private final Admin admin;
  private final Pipeline pipeline;

  public TopicProgress(Pipeline pipeline) {
    this.pipeline = pipeline;
    this.admin = KafkaClients.admin(pipeline.kafka());
  }

  public Snapshot snapshot() throws Exception {
    String changes = pipeline.topics().changes();
    String keys = pipeline.topics().keys();
    return new Snapshot(
        produced(changes),
        committed(pipeline.name() + "-merger"),
        produced(keys),
        committed(pipeline.name() + "-indexer"));
  }

  private long produced(String topic) throws Exception {
    Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
    for (int p = 0; p < pipeline.kafka().partitions(); p++) {
      latest.put(new TopicPartition(topic, p), OffsetSpec.latest());
    }
    long sum = 0;
    for (var end : admin.listOffsets(latest).all().get(10, TimeUnit.SECONDS).values()) {
      sum += end.offset();
    }
    return sum;
  }

  private long committed(String group) throws Exception {
    Map<TopicPartition, OffsetAndMetadata> offsets =
        admin
            .listConsumerGroupOffsets(group)
            .partitionsToOffsetAndMetadata()
            .get(10, TimeUnit.SECONDS);
    return offsets.values().stream()
        .filter(java.util.Objects::nonNull)
        .mapToLong(OffsetAndMetadata::offset)
        .sum();
  }

  @Override
  public void close() {
    admin.close();
  }
}
