package io.widerow.stack.kafka;

import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ScramCredentialInfo;
import org.apache.kafka.clients.admin.ScramMechanism;
import org.apache.kafka.clients.admin.UserScramCredentialUpsertion;

/** Asks the broker for cluster metadata: it answers only once it is fully started. */
final class KafkaProbe {

  private KafkaProbe() {}

  /** Throws if the broker does not answer within a few seconds. */
  static void describeCluster(String bootstrap) throws Exception {
    describeCluster(base(bootstrap));
  }

  /** The same over the SASL_SSL listener, as {@code user}, trusting only {@code caFile}. */
  static void describeClusterSecured(String bootstrap, String user, String password, Path caFile)
      throws Exception {
    Properties p = base(bootstrap);
    p.put(AdminClientConfig.SECURITY_PROTOCOL_CONFIG, "SASL_SSL");
    p.put("sasl.mechanism", "SCRAM-SHA-512");
    p.put(
        "sasl.jaas.config",
        "org.apache.kafka.common.security.scram.ScramLoginModule required username=\""
            + user
            + "\" password=\""
            + password
            + "\";");
    p.put("ssl.truststore.type", "PEM");
    p.put("ssl.truststore.location", caFile.toString());
    describeCluster(p);
  }

  /** Creates the SCRAM-SHA-512 user, or sets its password, through the plaintext listener. */
  static void upsertScramUser(String bootstrap, String user, String password) throws Exception {
    try (Admin admin = Admin.create(base(bootstrap))) {
      admin
          .alterUserScramCredentials(
              List.of(
                  new UserScramCredentialUpsertion(
                      user, new ScramCredentialInfo(ScramMechanism.SCRAM_SHA_512, 8192), password)))
          .all()
          .get(10, TimeUnit.SECONDS);
    }
  }

  private static Properties base(String bootstrap) {
    Properties p = new Properties();
    p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    p.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 3000);
    p.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 4000);
    p.put(AdminClientConfig.CLIENT_ID_CONFIG, "widerow-stack-probe");
    return p;
  }

  private static void describeCluster(Properties p) throws Exception {
    try (Admin admin = Admin.create(p)) {
      if (admin.describeCluster().nodes().get(5, TimeUnit.SECONDS).isEmpty()) {
        throw new IllegalStateException(
            "broker at "
                + p.get(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG)
                + " reports no nodes yet");
      }
    }
  }
}
