package io.widerow.core.pipeline;

import static io.widerow.core.pipeline.PipelineYaml.demo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import io.widerow.core.pipeline.KafkaSecurity.Mechanism;
import io.widerow.core.pipeline.KafkaSecurity.Protocol;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Valid/invalid pairs for the keys of {@link SecurityKeys}: TLS, secrets, pass-through, topics. */
class SecurityValidationTest {

  private static final Map<String, Object> SASL =
      Map.of("mechanism", "SCRAM-SHA-512", "username", "widerow", "passwordEnv", "KAFKA_PW");

  // ---- secrets

  @Test
  void aPasswordIsNamedByExactlyOneOfEnvAndFile() {
    Source source =
        demo()
            .remove("sources[0].passwordEnv")
            .set("sources[0].passwordFile", "/run/secrets/cdc")
            .load()
            .sources()
            .get(0);
    assertThat(source.password())
        .isEqualTo(Secret.file("sources[0].passwordFile", "/run/secrets/cdc"));

    assertThat(demo().set("sources[0].passwordFile", "/run/secrets/cdc").errors())
        .containsExactly(
            "sources[0].passwordFile: given together with passwordEnv; expected exactly one of the"
                + " two");
    assertThat(demo().remove("sources[0].passwordEnv").errors())
        .containsExactly(
            "sources[0].passwordEnv: missing; expected the variable (or passwordFile: the file) of"
                + " the user's password");
  }

  @Test
  void aSecretFileIsReadLessItsTrailingNewlineAndAMissingOneNamesKeyAndFile(@TempDir Path dir)
      throws IOException {
    Path file = dir.resolve("pw");
    Files.writeString(file, "s3cret\n", StandardCharsets.UTF_8);
    assertThat(Secret.file("k.passwordFile", file.toString()).reveal()).isEqualTo("s3cret");

    Secret missing =
        Secret.file("kafka.security.sasl.passwordFile", dir.resolve("nope").toString());
    assertThatExceptionOfType(PipelineConfigException.class)
        .isThrownBy(missing::reveal)
        .withMessageContaining(
            "kafka.security.sasl.passwordFile: cannot read file '" + dir.resolve("nope"));
    assertThatExceptionOfType(PipelineConfigException.class)
        .isThrownBy(() -> Secret.env("elasticsearch.auth.passwordEnv", "ES_PW").reveal(n -> null))
        .withMessageContaining(
            "elasticsearch.auth.passwordEnv: environment variable 'ES_PW' is not set");
  }

  @Test
  void aSecretPrintsWhereItIsKeptNeverItsValue() {
    Pipeline pipeline =
        demo()
            .set("kafka.security", Map.of("protocol", "SASL_SSL", "sasl", SASL))
            .load(Map.of("KAFKA_PW", "do-not-print"));
    assertThat(pipeline.toString()).doesNotContain("do-not-print").contains("KAFKA_PW");
  }

  // ---- sources

  @Test
  void sourceTlsModeIsOneOfMySqlsModesAndVerifyingNeedsACa() {
    SourceTls tls =
        demo()
            .set("sources[0].tls", Map.of("mode", "verify-ca", "caFile", "/run/ca.pem"))
            .load()
            .sources()
            .get(0)
            .tls();
    assertThat(tls)
        .isEqualTo(
            new SourceTls(SourceTls.Mode.VERIFY_CA, java.util.Optional.of(Path.of("/run/ca.pem"))));
    assertThat(demo().load().sources().get(0).tls()).isEqualTo(SourceTls.DISABLED);

    assertThat(demo().set("sources[0].tls", Map.of("mode", "verify_ca")).errors())
        .containsExactly(
            "sources[0].tls.mode: 'verify_ca' is not valid; expected one of: disabled, preferred,"
                + " required, verify-ca, verify-identity");
    assertThat(demo().set("sources[0].tls", Map.of("mode", "verify-identity")).errors())
        .containsExactly(
            "sources[0].tls.caFile: missing; expected the CA certificate (PEM) for mode"
                + " verify-identity");
    assertThat(demo().set("sources[0].tls", Map.of("mode", "preferred")).errors())
        .containsExactly(
            "sources[0].tls.mode: 'preferred' is not valid; expected disabled, required, verify-ca"
                + " or verify-identity for connector mariadb (its drivers cannot fall back to plain"
                + " text)");
  }

  @Test
  void debeziumPassThroughRefusesWhatIngestSets() {
    assertThat(
            demo()
                .set("sources[0].properties", Map.of("snapshot.fetch.size", 10000))
                .load()
                .sources()
                .get(0)
                .properties())
        .containsEntry("snapshot.fetch.size", "10000");
    assertThat(demo().set("sources[0].properties", Map.of("database.hostname", "x")).errors())
        .containsExactly(
            "sources[0].properties.database.hostname: set by widerow from sources[].host, port,"
                + " user, passwordEnv/passwordFile, serverId; remove it");
    assertThat(demo().set("sources[0].properties", Map.of("offset.storage.topic", "x")).errors())
        .containsExactly(
            "sources[0].properties.offset.storage.topic: set by widerow from kafka (offsets and"
                + " schema history); remove it");
    assertThat(demo().set("sources[0].properties", "snapshot.fetch.size=1").errors())
        .containsExactly(
            "sources[0].properties: 'snapshot.fetch.size=1' is not valid; expected Debezium"
                + " connector settings, as in {snapshot.fetch.size: 10000}");
  }

  // ---- kafka

  @Test
  void kafkaSecurityTakesProtocolSaslAndTls() {
    KafkaSecurity security =
        demo()
            .set(
                "kafka.security",
                Map.of(
                    "protocol", "SASL_SSL", "sasl", SASL, "tls", Map.of("caFile", "/run/ca.pem")))
            .load()
            .kafka()
            .security();
    assertThat(security.protocol()).isEqualTo(Protocol.SASL_SSL);
    assertThat(security.sasl().orElseThrow().mechanism()).isEqualTo(Mechanism.SCRAM_SHA_512);
    assertThat(security.sasl().orElseThrow().password())
        .isEqualTo(Secret.env("kafka.security.sasl.passwordEnv", "KAFKA_PW"));
    assertThat(security.tls().orElseThrow().caFile()).contains(Path.of("/run/ca.pem"));
    assertThat(demo().load().kafka().security()).isEqualTo(KafkaSecurity.PLAINTEXT);

    assertThat(demo().set("kafka.security", Map.of("protocol", "TLS")).errors())
        .containsExactly(
            "kafka.security.protocol: 'TLS' is not valid; expected one of: PLAINTEXT, SSL,"
                + " SASL_PLAINTEXT, SASL_SSL");
    assertThat(demo().set("kafka.security", Map.of("protocol", "SSL", "sasl", SASL)).errors())
        .containsExactly(
            "kafka.security.sasl: given with protocol SSL; expected protocol SASL_SSL or"
                + " SASL_PLAINTEXT");
    assertThat(
            demo()
                .set(
                    "kafka.security",
                    Map.of(
                        "protocol",
                        "SASL_SSL",
                        "sasl",
                        Map.of("mechanism", "GSSAPI", "username", "u", "passwordEnv", "P")))
                .errors())
        .containsExactly(
            "kafka.security.sasl.mechanism: 'GSSAPI' is not valid; expected one of: PLAIN,"
                + " SCRAM-SHA-256, SCRAM-SHA-512");
  }

  @Test
  void kafkaTlsTakesOneTrustAndOneIdentity() {
    assertThat(
            demo()
                .set(
                    "kafka.security",
                    Map.of(
                        "protocol",
                        "SSL",
                        "tls",
                        Map.of("caFile", "/ca.pem", "truststoreFile", "/trust.p12")))
                .errors())
        .containsExactly(
            "kafka.security.tls.truststoreFile: given together with caFile; expected one of the"
                + " two");
    assertThat(
            demo()
                .set(
                    "kafka.security",
                    Map.of("protocol", "SSL", "tls", Map.of("certFile", "/c.pem")))
                .errors())
        .containsExactly(
            "kafka.security.tls.keyFile: missing; expected a file path: certFile and keyFile go"
                + " together");
    assertThat(
            demo()
                .set(
                    "kafka.security",
                    Map.of("protocol", "SSL", "tls", Map.of("keystoreFile", "/k.p12")))
                .errors())
        .containsExactly(
            "kafka.security.tls.keystorePasswordEnv: missing; expected the variable (or"
                + " keystorePasswordFile: the file) of the keystore");
    assertThat(
            demo()
                .set(
                    "kafka.security",
                    Map.of(
                        "protocol",
                        "SSL",
                        "tls",
                        Map.of("truststoreFile", "/t.jks", "truststoreType", "PEM")))
                .errors())
        .containsExactly(
            "kafka.security.tls.truststoreType: 'PEM' is not valid; expected PKCS12 or JKS");
  }

  @Test
  void kafkaPassThroughRefusesWhatWiderowSets() {
    assertThat(
            demo()
                .set("kafka.properties", Map.of("request.timeout.ms", 40000))
                .load()
                .kafka()
                .properties())
        .containsEntry("request.timeout.ms", "40000");
    assertThat(demo().set("kafka.properties", Map.of("bootstrap.servers", "x:1")).errors())
        .containsExactly(
            "kafka.properties.bootstrap.servers: set by widerow from kafka.bootstrap; remove it");
    // Without kafka.security.sasl, the JAAS line is the file's to give.
    assertThat(
            demo()
                .set("kafka.properties", Map.of("sasl.jaas.config", "x required;"))
                .load()
                .kafka()
                .properties())
        .containsKey("sasl.jaas.config");
    assertThat(
            demo()
                .set("kafka.security", Map.of("protocol", "SASL_SSL", "sasl", SASL))
                .set("kafka.properties", Map.of("sasl.jaas.config", "x required;"))
                .errors())
        .containsExactly(
            "kafka.properties.sasl.jaas.config: set by widerow from kafka.security.sasl; remove it");
  }

  // ---- topics

  @Test
  void topicsDefaultToThreeReplicasTwoInSyncAndLongDeadLetterRetention() {
    TopicSettings.Kinds defaults = demo().remove("kafka.topics").load().kafka().topics();
    assertThat(defaults.keys())
        .isEqualTo(new TopicSettings(3, 2, TopicSettings.DEFAULT_RETENTION_MS));
    assertThat(defaults.deadLetters().retentionMs()).isEqualTo(90L * 24 * 3600 * 1000);
    assertThat(demo().load().kafka().topics()).isEqualTo(TopicSettings.Kinds.uniform(1, 1));
    assertThat(
            demo()
                .set("kafka.topics.deadLetters", Map.of("replicationFactor", 1, "retentionMs", -1))
                .load()
                .kafka()
                .topics()
                .deadLetters())
        .isEqualTo(new TopicSettings(1, 1, -1));

    assertThat(
            demo()
                .set("kafka.topics.keys", Map.of("replicationFactor", 2, "minInsyncReplicas", 3))
                .errors())
        .containsExactly(
            "kafka.topics.keys.minInsyncReplicas: '3' is not valid; expected an integer in 1..2");
    assertThat(demo().set("kafka.topics.changes", Map.of("replicationFactor", 0)).errors())
        .containsExactly(
            "kafka.topics.changes.replicationFactor: '0' is not valid; expected an integer in"
                + " 1..32767");
    assertThat(demo().set("kafka.topics.changes", Map.of("retentionMs", 0)).errors())
        .containsExactly(
            "kafka.topics.changes.retentionMs: '0' is not valid; expected -1 or a positive number"
                + " of milliseconds");
  }

  // ---- elasticsearch

  @Test
  void elasticsearchTakesACaOrAFingerprintAndAUserOrAnApiKey() {
    ElasticsearchSecurity security =
        demo()
            .set("elasticsearch.tls", Map.of("fingerprint", "AB:".repeat(31) + "AB"))
            .set("elasticsearch.auth", Map.of("apiKeyEnv", "ES_KEY"))
            .load()
            .elasticsearch()
            .security();
    assertThat(security.fingerprint()).contains("AB:".repeat(31) + "AB");
    assertThat(security.apiKey()).contains(Secret.env("elasticsearch.auth.apiKeyEnv", "ES_KEY"));

    assertThat(
            demo()
                .set(
                    "elasticsearch.tls",
                    Map.of("caFile", "/ca.pem", "fingerprint", "ab".repeat(32)))
                .errors())
        .containsExactly(
            "elasticsearch.tls.fingerprint: given together with caFile; expected one of the two");
    assertThat(demo().set("elasticsearch.tls", Map.of("fingerprint", "abc")).errors())
        .containsExactly(
            "elasticsearch.tls.fingerprint: 'abc' is not valid; expected a SHA-256 fingerprint: 32"
                + " hex bytes, with or without colons");
    assertThat(
            demo()
                .set(
                    "elasticsearch.auth",
                    Map.of("username", "u", "passwordEnv", "P", "apiKeyEnv", "K"))
                .errors())
        .containsExactly(
            "elasticsearch.auth: has both a user and an API key; expected one of the two");
    assertThat(demo().set("elasticsearch.auth", Map.of("passwordEnv", "P")).errors())
        .containsExactly("elasticsearch.auth.username: missing; expected a user name");
  }

  @Test
  void credentialsInAnElasticsearchUrlAreRefusedWithoutEchoingThem() {
    assertThat(
            demo()
                .set("elasticsearch.hosts", java.util.List.of("https://u:s3cret@es:9200"))
                .errors())
        .containsExactly(
            "elasticsearch.hosts[0]: 'https://***@es:9200' has credentials in the URL, which"
                + " widerow does not send; expected a URL without user:password@ and the"
                + " credentials in elasticsearch.auth (username with passwordEnv or passwordFile,"
                + " or apiKeyEnv or apiKeyFile)");
  }

  // ---- hbase

  @Test
  void hbaseTakesConfigurationFilesKerberosAndPassThrough() {
    HBaseSpec hbase =
        demo()
            .remove("hbase.zookeeper")
            .set("hbase.configDir", "/etc/hbase/conf")
            .set(
                "hbase.kerberos", Map.of("principal", "widerow@EXAMPLE.COM", "keytab", "/k.keytab"))
            .set("hbase.properties", Map.of("hbase.rpc.protection", "privacy"))
            .load()
            .hbase();
    assertThat(hbase.zookeeperQuorum()).isEmpty();
    assertThat(hbase.access().configDir()).contains(Path.of("/etc/hbase/conf"));
    assertThat(hbase.access().kerberos())
        .contains(new HBaseAccess.Kerberos("widerow@EXAMPLE.COM", Path.of("/k.keytab")));
    assertThat(hbase.access().properties()).containsEntry("hbase.rpc.protection", "privacy");

    assertThat(demo().remove("hbase.zookeeper").errors())
        .containsExactly(
            "hbase.zookeeper: missing; expected host:port[,host:port...] with ports in 1..65535");
    assertThat(demo().set("hbase.configDir", "/a").set("hbase.siteFile", "/b").errors())
        .containsExactly("hbase.siteFile: given together with configDir; expected one of the two");
    assertThat(
            demo().set("hbase.kerberos", Map.of("principal", "widerow", "keytab", "/k")).errors())
        .containsExactly(
            "hbase.kerberos.principal: 'widerow' is not valid; expected a principal as in"
                + " widerow@EXAMPLE.COM");
    assertThat(demo().set("hbase.properties", Map.of("hbase.zookeeper.quorum", "zk")).errors())
        .containsExactly(
            "hbase.properties.hbase.zookeeper.quorum: set by widerow from hbase.zookeeper; remove"
                + " it");
  }
}
