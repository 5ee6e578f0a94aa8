package io.widerow.kafka;

import io.widerow.core.pipeline.TopicSettings;
import io.widerow.core.service.FatalException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Judges an existing topic's replication against what the pipeline file asks for: a difference is
 * worth a warning (Kafka does not change an existing topic's replication by itself), a replication
 * factor below the topic's min.insync.replicas is fatal, since no write can then succeed.
 */
final class TopicDurability {

  private TopicDurability() {}

  /**
   * @param replicationFactor the replicas of the topic's first partition
   * @param minInsyncReplicas the topic's min.insync.replicas, as the broker reports it
   * @return the warnings, each naming the topic, what was found and what was expected
   * @throws FatalException when the topic cannot take a write
   */
  static List<String> judge(
      String topic,
      int replicationFactor,
      Optional<Integer> minInsyncReplicas,
      TopicSettings expected,
      String keyPrefix) {
    int minInsync = minInsyncReplicas.orElse(1);
    if (replicationFactor < minInsync) {
      throw new FatalException(
          "topic "
              + topic
              + " has replication factor "
              + replicationFactor
              + " below its min.insync.replicas "
              + minInsync
              + ": no write can succeed; raise its replication (kafka-reassign-partitions) or"
              + " lower min.insync.replicas (kafka-configs --alter --entity-type topics"
              + " --entity-name "
              + topic
              + " --add-config min.insync.replicas=N); "
              + keyPrefix
              + " asks for "
              + expected.replicationFactor()
              + "/"
              + expected.minInsyncReplicas());
    }
    List<String> warnings = new ArrayList<>();
    if (replicationFactor != expected.replicationFactor()) {
      warnings.add(
          "topic "
              + topic
              + ": replication factor found "
              + replicationFactor
              + ", expected "
              + expected.replicationFactor()
              + " ("
              + keyPrefix
              + ".replicationFactor); Kafka does not change it for an existing topic");
    }
    if (minInsync != expected.minInsyncReplicas()) {
      warnings.add(
          "topic "
              + topic
              + ": min.insync.replicas found "
              + minInsync
              + ", expected "
              + expected.minInsyncReplicas()
              + " ("
              + keyPrefix
              + ".minInsyncReplicas)");
    }
    return warnings;
  }
}
