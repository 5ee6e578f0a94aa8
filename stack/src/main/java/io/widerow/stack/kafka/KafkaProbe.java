package io.widerow.stack.kafka;

import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;

/** Asks the broker for cluster metadata: it answers only once it is fully started. */
final class KafkaProbe {

  private KafkaProbe() {}

  /** Throws if the broker does not answer within a few seconds. */
  static void describeCluster(String bootstrap) throws Exception {
    Properties p = new Properties();
    p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    p.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 3000);
    p.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 4000);
    p.put(AdminClientConfig.CLIENT_ID_CONFIG, "widerow-stack-probe");
    try (Admin admin = Admin.create(p)) {
      if (admin.describeCluster().nodes().get(5, TimeUnit.SECONDS).isEmpty()) {
        throw new IllegalStateException("broker at " + bootstrap + " reports no nodes yet");
      }
    }
  }
}
