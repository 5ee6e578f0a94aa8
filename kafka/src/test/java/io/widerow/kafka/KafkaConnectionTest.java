package io.widerow.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import io.widerow.core.pipeline.KafkaSecurity;
import io.widerow.core.pipeline.KafkaSecurity.Mechanism;
import io.widerow.core.pipeline.KafkaSecurity.Protocol;
import io.widerow.core.pipeline.KafkaSecurity.Sasl;
import io.widerow.core.pipeline.KafkaSecurity.Tls;
import io.widerow.core.pipeline.KafkaSpec;
import io.widerow.core.pipeline.PipelineConfigException;
import io.widerow.core.pipeline.Secret;
import io.widerow.core.pipeline.TopicSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KafkaConnectionTest {

  private static final Sasl SASL =
      new Sasl(
          Mechanism.SCRAM_SHA_512, "widerow", Secret.env("kafka.security.sasl.passwordEnv", "PW"));

  @Test
  void saslSslBuildsTheJaasLineAndAPemTruststore(@TempDir Path dir) throws Exception {
    Path ca = Files.writeString(dir.resolve("ca.pem"), "pem");
    Tls tls =
        new Tls(
            Optional.of(ca),
            Optional.empty(),
            "PKCS12",
            Optional.empty(),
            Optional.empty(),
            Optional.empty(),
            Optional.empty(),
            "PKCS12",
            Optional.empty());
    KafkaSpec kafka =
        spec(new KafkaSecurity(Protocol.SASL_SSL, Optional.of(SASL), Optional.of(tls)));

    Map<String, String> p = KafkaConnection.properties(kafka, Map.of("PW", "p\"w\\x")::get);

    assertThat(p)
        .containsEntry("bootstrap.servers", "b:9094")
        .containsEntry("security.protocol", "SASL_SSL")
        .containsEntry("sasl.mechanism", "SCRAM-SHA-512")
        .containsEntry(
            "sasl.jaas.config",
            "org.apache.kafka.common.security.scram.ScramLoginModule required"
                + " username=\"widerow\" password=\"p\\\"w\\\\x\";")
        .containsEntry("ssl.truststore.type", "PEM")
        .containsEntry("ssl.truststore.location", ca.toString())
        .containsEntry("request.timeout.ms", "40000");
  }

  @Test
  void aMissingSecretOrFileIsBadConfigNamingIt(@TempDir Path dir) {
    KafkaSpec sasl =
        spec(new KafkaSecurity(Protocol.SASL_PLAINTEXT, Optional.of(SASL), Optional.empty()));
    assertThatExceptionOfType(PipelineConfigException.class)
        .isThrownBy(() -> KafkaConnection.properties(sasl, name -> null))
        .withMessageContaining(
            "kafka.security.sasl.passwordEnv: environment variable 'PW' is not set");

    Tls missingCa =
        new Tls(
            Optional.of(dir.resolve("nope.pem")),
            Optional.empty(),
            "PKCS12",
            Optional.empty(),
            Optional.empty(),
            Optional.empty(),
            Optional.empty(),
            "PKCS12",
            Optional.empty());
    KafkaSpec ssl = spec(new KafkaSecurity(Protocol.SSL, Optional.empty(), Optional.of(missingCa)));
    assertThatExceptionOfType(PipelineConfigException.class)
        .isThrownBy(() -> KafkaConnection.properties(ssl, name -> null))
        .withMessageContaining("kafka.security.tls.caFile: file '" + dir.resolve("nope.pem"));
  }

  @Test
  void plaintextSaysSoAndSetsNoSecurity() {
    assertThat(KafkaConnection.plaintext("b:1"))
        .containsEntry("security.protocol", "PLAINTEXT")
        .doesNotContainKey("sasl.jaas.config");
  }

  private static KafkaSpec spec(KafkaSecurity security) {
    return new KafkaSpec(
        "b:9094",
        "widerow",
        1,
        1,
        security,
        TopicSettings.Kinds.uniform(1, 1),
        Map.of("request.timeout.ms", "40000"));
  }
}
