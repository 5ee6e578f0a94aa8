package io.widerow.core.pipeline;

import static io.widerow.core.pipeline.PipelineYaml.demo;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class StorageValidationTest {

  @Test
  void saltBucketsFitTwoHexDigits() {
    assertThat(demo().set("hbase.saltBuckets", 256).load().hbase().saltBuckets()).isEqualTo(256);
    assertThat(demo().set("hbase.saltBuckets", 257).errors())
        .containsExactly("hbase.saltBuckets: '257' is not valid; expected an integer in 1..256");
    assertThat(demo().set("hbase.saltBuckets", 0).errors())
        .containsExactly("hbase.saltBuckets: '0' is not valid; expected an integer in 1..256");
  }

  @Test
  void zookeeperQuorumIsHostPortList() {
    assertThat(demo().set("hbase.zookeeper", "zk1:2181,zk2:2181").load().hbase().zookeeperQuorum())
        .isEqualTo("zk1:2181,zk2:2181");
    assertThat(demo().set("hbase.zookeeper", "zk1").errors())
        .containsExactly(
            "hbase.zookeeper: 'zk1' is not valid; expected host:port[,host:port...] with ports in"
                + " 1..65535");
  }

  @Test
  void hbaseNamesFollowHBaseRules() {
    assertThat(demo().set("hbase.namespace", "wide-row").errors())
        .containsExactly(
            "hbase.namespace: 'wide-row' is not valid; expected an HBase namespace matching"
                + " [A-Za-z0-9_]+");
    assertThat(demo().set("hbase.table", "orders:v2").errors())
        .containsExactly(
            "hbase.table: 'orders:v2' is not valid; expected an HBase table name matching"
                + " [A-Za-z0-9_][A-Za-z0-9_.-]*");
  }

  @Test
  void deadLetterLimitDefaultsToAHundredAMinuteAndIsPositive() {
    assertThat(demo().load().deadLetters().maxPerMinute()).isEqualTo(100);
    assertThat(limit(5).load().deadLetters().maxPerMinute()).isEqualTo(5);
    assertThat(limit(0).errors())
        .containsExactly("deadLetters.maxPerMinute: '0' is not valid; expected an integer >= 1");
    assertThat(limit(5).set("deadLetters.perHour", 5).errors())
        .containsExactly("deadLetters.perHour: unknown key; expected one of: maxPerMinute");
  }

  @Test
  void partitionsArePositive() {
    assertThat(demo().set("kafka.partitions", 12).load().kafka().partitions()).isEqualTo(12);
    assertThat(demo().set("kafka.partitions", 0).errors())
        .containsExactly("kafka.partitions: '0' is not valid; expected an integer >= 1");
  }

  @Test
  void workersDefaultToOnePerPartitionUpToFour() {
    PipelineYaml unset = demo().remove("kafka.workers");
    assertThat(unset.set("kafka.partitions", 1).load().kafka().workers()).isEqualTo(1);
    assertThat(unset.set("kafka.partitions", 3).load().kafka().workers()).isEqualTo(3);
    assertThat(unset.set("kafka.partitions", 12).load().kafka().workers()).isEqualTo(4);
  }

  @Test
  void workersAreBetweenOneAndThePartitionCount() {
    assertThat(demo().set("kafka.workers", 2).load().kafka().workers()).isEqualTo(2);
    assertThat(demo().set("kafka.partitions", 4).set("kafka.workers", 5).errors())
        .containsExactly("kafka.workers: '5' is not valid; expected an integer in 1..4");
    assertThat(demo().set("kafka.workers", 0).errors())
        .containsExactly("kafka.workers: '0' is not valid; expected an integer in 1..4");
  }

  @Test
  void bootstrapIsHostPortList() {
    assertThat(demo().set("kafka.bootstrap", "kafka-1:9092:1").errors())
        .containsExactly(
            "kafka.bootstrap: 'kafka-1:9092:1' is not valid; expected host:port[,host:port...]"
                + " with ports in 1..65535");
  }

  @Test
  void topicPrefixMakesLegalTopicNames() {
    assertThat(demo().set("kafka.topicPrefix", "prod.eu").load().topics().keys())
        .isEqualTo("prod.eu.orders.keys");
    assertThat(demo().set("kafka.topicPrefix", "prod eu").errors())
        .containsExactly(
            "kafka.topicPrefix: 'prod eu' is not valid; expected a topic name prefix matching"
                + " [A-Za-z0-9._-]+");
    String longPrefix = "p".repeat(230);
    assertThat(demo().set("kafka.topicPrefix", longPrefix).errors())
        .containsExactly(
            "kafka.topicPrefix: topic '"
                + longPrefix
                + ".orders.schema-history' would be 252 characters; expected a shorter prefix or"
                + " pipeline name (Kafka allows 249)");
  }

  private static PipelineYaml limit(int maxPerMinute) {
    return demo().set("deadLetters", java.util.Map.of("maxPerMinute", maxPerMinute));
  }
}
