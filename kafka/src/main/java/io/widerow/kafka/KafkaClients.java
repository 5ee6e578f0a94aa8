package io.widerow.kafka;

import io.widerow.core.pipeline.KafkaSpec;
import io.widerow.core.pipeline.TopicSettings;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.CooperativeStickyAssignor;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/** Kafka clients configured for at-least-once delivery, the same way in every service. */
public final class KafkaClients {

  private KafkaClients() {}

  /** How long the broker holds a fetch that finds nothing, before answering it empty. */
  static final int IDLE_FETCH_WAIT_MS = 1_000;

  /** An idempotent producer that waits for all in-sync replicas. */
  public static KafkaProducer<byte[], byte[]> producer(KafkaSpec kafka, String clientId) {
    return producer(KafkaConnection.properties(kafka), clientId);
  }

  /** A producer to a plaintext cluster, for tools and tests of the local stack. */
  public static KafkaProducer<byte[], byte[]> producer(String bootstrap, String clientId) {
    return producer(KafkaConnection.plaintext(bootstrap), clientId);
  }

  private static KafkaProducer<byte[], byte[]> producer(
      Map<String, String> connection, String clientId) {
    Properties p = new Properties();
    p.putAll(connection);
    p.put(ProducerConfig.CLIENT_ID_CONFIG, clientId);
    p.put(ProducerConfig.ACKS_CONFIG, "all");
    p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    p.put(ProducerConfig.LINGER_MS_CONFIG, 5);
    p.put(ProducerConfig.BATCH_SIZE_CONFIG, 64 * 1024);
    p.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
    p.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 120_000);
    return new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer());
  }

  /** How long a stage consumer that stopped heart-beating keeps its partitions. */
  static final int SESSION_TIMEOUT_MS = 15_000;

  /**
   * A stage's consumer: it never commits on its own (offsets are committed after the next stage
   * acks) and never resets a position by itself ({@code auto.offset.reset=none}): {@link
   * ConsumeLoop} starts a partition without a committed offset from its beginning, and stops on a
   * committed offset that is out of range rather than skip what expired.
   *
   * <p>Rebalances are incremental ({@code CooperativeStickyAssignor}): only the partitions that
   * move stop, the others are polled on. With {@code instanceId} the consumer is a static member
   * ({@code group.instance.id}): restarted within the session timeout it gets its partitions back
   * without any rebalance.
   */
  public static KafkaConsumer<byte[], byte[]> stageConsumer(
      KafkaSpec kafka,
      String groupId,
      String clientId,
      int maxPollRecords,
      Optional<String> instanceId) {
    Map<String, String> p = new HashMap<>(KafkaConnection.properties(kafka));
    p.put(
        ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG,
        CooperativeStickyAssignor.class.getName());
    p.put(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, String.valueOf(SESSION_TIMEOUT_MS));
    instanceId.ifPresent(id -> p.put(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG, id));
    return consumer(p, groupId, clientId, maxPollRecords, "none");
  }

  /** A reader that starts where its group left off, or at the beginning; for tools. */
  public static KafkaConsumer<byte[], byte[]> consumer(
      KafkaSpec kafka, String groupId, String clientId, int maxPollRecords) {
    return consumer(
        KafkaConnection.properties(kafka), groupId, clientId, maxPollRecords, "earliest");
  }

  /** A reader of a plaintext cluster, for tools and tests of the local stack. */
  public static KafkaConsumer<byte[], byte[]> consumer(
      String bootstrap, String groupId, String clientId, int maxPollRecords) {
    return consumer(
        KafkaConnection.plaintext(bootstrap), groupId, clientId, maxPollRecords, "earliest");
  }

  private static KafkaConsumer<byte[], byte[]> consumer(
      Map<String, String> connection,
      String groupId,
      String clientId,
      int maxPollRecords,
      String offsetReset) {
    Properties p = new Properties();
    p.putAll(connection);
    p.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
    p.put(ConsumerConfig.CLIENT_ID_CONFIG, clientId);
    p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, offsetReset);
    p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, maxPollRecords);
    p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    // The broker answers a fetch as soon as a byte is there (fetch.min.bytes 1), so a longer wait
    // for an empty one adds no latency; it halves the empty fetches an idle consumer sends and the
    // broker handles (the default is 500 ms). A value passed through kafka.properties wins.
    p.putIfAbsent(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, IDLE_FETCH_WAIT_MS);
    // A batch may spend up to RetrySettings.DEFAULT (5 min) retrying a server that is down; the
    // group must not evict the consumer meanwhile, or the commit after the retry would fail.
    p.put(ConsumerConfig.MAX_POLL_INTERVAL_MS_CONFIG, 10 * 60 * 1000);
    return new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer());
  }

  public static Admin admin(KafkaSpec kafka) {
    return admin(KafkaConnection.properties(kafka));
  }

  /** An admin client of a plaintext cluster, for tools and tests of the local stack. */
  public static Admin admin(String bootstrap) {
    return admin(KafkaConnection.plaintext(bootstrap));
  }

  private static Admin admin(Map<String, String> connection) {
    Properties p = new Properties();
    p.putAll(connection);
    p.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 30_000);
    return Admin.create(p);
  }

  /** Creates each topic that is missing; an existing topic is left as it is. */
  public static void ensureTopics(Admin admin, Collection<NewTopic> topics)
      throws InterruptedException, TimeoutException {
    Set<String> existing;
    try {
      existing = admin.listTopics().names().get(30, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      throw new IllegalStateException("cannot list Kafka topics", e.getCause());
    }
    List<NewTopic> missing = topics.stream().filter(t -> !existing.contains(t.name())).toList();
    if (missing.isEmpty()) {
      return;
    }
    for (var entry : admin.createTopics(missing).values().entrySet()) {
      try {
        entry.getValue().get(30, TimeUnit.SECONDS);
      } catch (ExecutionException e) {
        if (!(e.getCause() instanceof TopicExistsException)) {
          throw new IllegalStateException("cannot create topic " + entry.getKey(), e.getCause());
        }
      }
    }
  }

  /** A topic for keys: delete retention, {@code partitions} partitions, replication 1 or more. */
  public static NewTopic keyTopic(String name, int partitions, short replication) {
    return topic(
        name, partitions, new TopicSettings(replication, 1, TopicSettings.DEFAULT_RETENTION_MS));
  }

  /**
   * A topic deleting records after its retention, replicated and min.insync as {@code settings}.
   */
  public static NewTopic topic(String name, int partitions, TopicSettings settings) {
    return new NewTopic(name, partitions, (short) settings.replicationFactor())
        .configs(
            Map.of(
                "cleanup.policy",
                "delete",
                "retention.ms",
                String.valueOf(settings.retentionMs()),
                "min.insync.replicas",
                String.valueOf(settings.minInsyncReplicas())));
  }
}
