package io.widerow.stack;

import io.widerow.stack.elasticsearch.ElasticsearchProxy;
import java.nio.file.Path;

/**
 * The local stack's secured side, beside its plaintext ports: Kafka's SASL_SSL listener, MariaDB's
 * TLS-only CDC user and the TLS proxy in front of Elasticsearch. Passwords are given as the files
 * that hold them (as a mounted secret would), and {@link StackSecrets#read} reads one for a test.
 *
 * @param caFile the CA (PEM) that signed every secured server's certificate
 * @param truststoreFile the CA as a PKCS12 truststore, its password in {@code
 *     truststorePasswordFile}
 * @param kafkaBootstrap the SASL_SSL listener, SCRAM-SHA-512 user {@code kafkaUser}
 * @param cdcTlsUser a MariaDB user with the CDC grants that must connect with TLS
 * @param elasticsearchUrl the https proxy, which takes basic auth or an {@code ApiKey} header
 * @param elasticsearchProxyAccessLog nginx's log of the requests it passed, with the basic-auth
 *     user ({@code -} for an API key)
 */
public record SecuredEndpoints(
    Path caFile,
    Path truststoreFile,
    Path truststorePasswordFile,
    String kafkaBootstrap,
    String kafkaUser,
    Path kafkaPasswordFile,
    String cdcTlsUser,
    Path cdcTlsPasswordFile,
    String elasticsearchUrl,
    String elasticsearchUser,
    Path elasticsearchPasswordFile,
    Path elasticsearchApiKeyFile,
    Path elasticsearchProxyAccessLog) {

  static SecuredEndpoints of(StackConfig config, StackSecrets secrets) {
    return new SecuredEndpoints(
        secrets.caFile(),
        secrets.truststoreFile(),
        secrets.truststorePasswordFile(),
        StackEndpoints.HOST + ":" + config.kafkaSecuredPort(),
        StackSecrets.KAFKA_USER,
        secrets.kafkaPasswordFile(),
        StackSecrets.CDC_TLS_USER,
        secrets.cdcTlsPasswordFile(),
        "https://" + StackEndpoints.HOST + ":" + config.elasticsearchSecuredPort(),
        StackSecrets.ELASTICSEARCH_USER,
        secrets.elasticsearchPasswordFile(),
        secrets.elasticsearchApiKeyFile(),
        config.serverDir(ElasticsearchProxy.NAME).resolve("access.log"));
  }

  /** The SHA-256 fingerprint of the CA, which the Elasticsearch proxy sends in its chain. */
  public String caFingerprint() {
    return StackSecrets.fingerprint(caFile);
  }
}
