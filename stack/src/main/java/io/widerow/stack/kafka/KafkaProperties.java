package io.widerow.stack.kafka;

import io.widerow.stack.StackConfig;
import io.widerow.stack.StackEndpoints;
import io.widerow.stack.StackSecrets;
import java.nio.file.Path;

/**
 * server.properties of a one-node KRaft cluster: every replication factor is 1. A PLAINTEXT
 * listener, and a SASL_SSL one with SCRAM-SHA-512 beside it.
 */
final class KafkaProperties {

  private KafkaProperties() {}

  static String of(StackConfig config, Path dataDir, StackSecrets secrets) {
    String host = StackEndpoints.HOST;
    String secured = "listener.name.sasl_ssl.";
    String clientListeners =
        "PLAINTEXT://"
            + host
            + ":"
            + config.kafkaPort()
            + ",SASL_SSL://"
            + host
            + ":"
            + config.kafkaSecuredPort();
    return String.join(
        "\n",
        "# Written by the widerow stack launcher at every start; edits are lost.",
        "process.roles=broker,controller",
        "node.id=1",
        "controller.quorum.voters=1@" + host + ":" + config.kafkaControllerPort(),
        "listeners="
            + clientListeners
            + ",CONTROLLER://"
            + host
            + ":"
            + config.kafkaControllerPort(),
        "advertised.listeners=" + clientListeners,
        "controller.listener.names=CONTROLLER",
        "inter.broker.listener.name=PLAINTEXT",
        "listener.security.protocol.map=PLAINTEXT:PLAINTEXT,SASL_SSL:SASL_SSL,CONTROLLER:PLAINTEXT",
        "# SCRAM users live in the cluster metadata; the launcher upserts its user at every start.",
        "sasl.enabled.mechanisms=SCRAM-SHA-512",
        secured + "sasl.enabled.mechanisms=SCRAM-SHA-512",
        secured
            + "scram-sha-512.sasl.jaas.config="
            + "org.apache.kafka.common.security.scram.ScramLoginModule required;",
        secured + "ssl.keystore.type=PKCS12",
        secured + "ssl.keystore.location=" + secrets.serverKeystoreFile(),
        secured + "ssl.keystore.password=" + StackSecrets.read(secrets.keystorePasswordFile()),
        secured + "ssl.key.password=" + StackSecrets.read(secrets.keystorePasswordFile()),
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
