package io.widerow.stack.kafka;

import io.widerow.stack.StackConfig;
import io.widerow.stack.StackEndpoints;
import java.nio.file.Path;

/** server.properties of a one-node KRaft cluster: every replication factor is 1. */
final class KafkaProperties {

  private KafkaProperties() {}

  static String of(StackConfig config, Path dataDir) {
    String host = StackEndpoints.HOST;
    return String.join(
        "\n",
        "# Written by the widerow stack launcher at every start; edits are lost.",
        "process.roles=broker,controller",
        "node.id=1",
        "controller.quorum.voters=1@" + host + ":" + config.kafkaControllerPort(),
        "listeners=PLAINTEXT://"
            + host
            + ":"
            + config.kafkaPort()
            + ",CONTROLLER://"
            + host
            + ":"
            + config.kafkaControllerPort(),
        "advertised.listeners=PLAINTEXT://" + host + ":" + config.kafkaPort(),
        "controller.listener.names=CONTROLLER",
        "inter.broker.listener.name=PLAINTEXT",
        "listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT",
        "log.dirs=" + dataDir,
        "num.partitions=1",
        "default.replication.factor=1",
        "min.insync.replicas=1",
        "offsets.topic.replication.factor=1",
        "offsets.topic.num.partitions=1",
        "transaction.state.log.replication.factor=1",
        "transaction.state.log.min.isr=1",
        "share.coordinator.state.topic.replication.factor=1",
        "share.coordinator.state.topic.min.isr=1",
        // A test's consumer group should not wait 3 s for members that will never come.
        "group.initial.rebalance.delay.ms=0",
        "auto.create.topics.enable=true",
        "log.retention.hours=24",
        "");
  }
}
