package io.widerow.ingest.debezium;

import io.debezium.embedded.KafkaConnectUtil;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.connect.runtime.WorkerConfig;
import org.apache.kafka.connect.storage.KafkaOffsetBackingStore;
import org.apache.kafka.connect.util.SharedTopicAdmin;
import org.apache.kafka.connect.util.TopicAdmin;

/**
 * Debezium's Kafka offset store, but one that closes its admin client when it stops. The engine
 * builds its own store around a topic admin that nothing ever closes (Debezium 3.5, Kafka 4.1):
 * every stopped engine left an admin thread behind, which went on connecting, and warning, after
 * Kafka had gone. Named in {@code offset.storage}; the engine creates it with this no-argument
 * constructor, then calls {@link #configure} with its whole configuration.
 */
public final class KafkaOffsetStore extends KafkaOffsetBackingStore {

  static final String ADMIN_CLIENT_ID = "widerow-ingest-offsets-admin";

  private final ClosableAdmin admin;

  public KafkaOffsetStore() {
    this(new ClosableAdmin());
  }

  private KafkaOffsetStore(ClosableAdmin admin) {
    // The client id base Debezium's own store gives its producer and consumer.
    super(admin, () -> "debezium-server", KafkaConnectUtil.converterForOffsetStore());
    this.admin = admin;
  }

  @Override
  public void configure(WorkerConfig config) {
    admin.configure(config.originals());
    super.configure(config);
  }

  @Override
  public void stop() {
    try {
      super.stop();
    } finally {
      admin.close();
    }
  }

  /** The store's topic admin, made from the engine's configuration when the store is configured. */
  private static final class ClosableAdmin implements Supplier<TopicAdmin> {
    private SharedTopicAdmin shared;

    synchronized void configure(Map<String, ?> engineConfig) {
      // Only the admin client's own keys: the engine's configuration also holds the password.
      Map<String, Object> adminConfig = new HashMap<>();
      engineConfig.forEach(
          (key, value) -> {
            if (AdminClientConfig.configNames().contains(key)) {
              adminConfig.put(key, value);
            }
          });
      adminConfig.put(AdminClientConfig.CLIENT_ID_CONFIG, ADMIN_CLIENT_ID);
      shared = new SharedTopicAdmin(adminConfig);
    }

    @Override
    public synchronized TopicAdmin get() {
      if (shared == null) {
        throw new IllegalStateException("the offset store's admin is used before configure()");
      }
      return shared.get();
    }

    synchronized void close() {
      if (shared != null) {
        shared.close();
      }
    }
  }
}
