package io.widerow.kafka;

import io.widerow.core.pipeline.KafkaSecurity;
import io.widerow.core.pipeline.KafkaSecurity.Sasl;
import io.widerow.core.pipeline.KafkaSecurity.Tls;
import io.widerow.core.pipeline.KafkaSpec;
import io.widerow.core.pipeline.PipelineConfigException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.common.config.SaslConfigs;
import org.apache.kafka.common.config.SslConfigs;

/**
 * The settings every Kafka client of the pipeline shares: bootstrap servers, security (protocol,
 * SASL with the JAAS line built from the user and password, truststore and keystore) and the
 * pass-through {@code kafka.properties}. The one place they are made: producers, consumers and
 * admin clients ({@link KafkaClients}) and Debezium's offset store and schema history (ingest's
 * engine properties) all take them from here.
 */
public final class KafkaConnection {

  private KafkaConnection() {}

  /** The shared settings of every client, secrets read from the process environment. */
  public static Map<String, String> properties(KafkaSpec kafka) {
    return properties(kafka, System::getenv);
  }

  /**
   * @param environment where {@code ...Env} secrets are looked up
   * @throws PipelineConfigException (exit code 2) when a secret or file cannot be read
   */
  public static Map<String, String> properties(
      KafkaSpec kafka, Function<String, String> environment) {
    Map<String, String> p = new LinkedHashMap<>(kafka.properties());
    p.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
    KafkaSecurity security = kafka.security();
    p.put(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, security.protocol().name());
    security.sasl().ifPresent(sasl -> sasl(p, sasl, environment));
    security.tls().ifPresent(tls -> tls(p, tls, environment));
    return p;
  }

  /** Plaintext settings for a bootstrap list alone, for tools and tests of the local stack. */
  public static Map<String, String> plaintext(String bootstrap) {
    return properties(new KafkaSpec(bootstrap, "widerow", 1));
  }

  private static void sasl(Map<String, String> p, Sasl sasl, Function<String, String> env) {
    p.put(SaslConfigs.SASL_MECHANISM, sasl.mechanism().kafkaName());
    String module =
        switch (sasl.mechanism()) {
          case PLAIN -> "org.apache.kafka.common.security.plain.PlainLoginModule";
          case SCRAM_SHA_256, SCRAM_SHA_512 ->
              "org.apache.kafka.common.security.scram.ScramLoginModule";
        };
    p.put(
        SaslConfigs.SASL_JAAS_CONFIG,
        module
            + " required username="
            + jaasQuoted(sasl.username())
            + " password="
            + jaasQuoted(sasl.password().reveal(env))
            + ";");
  }

  // JAAS values are double-quoted; a quote or backslash inside is escaped with a backslash.
  static String jaasQuoted(String value) {
    return "\"" + value.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }

  private static void tls(Map<String, String> p, Tls tls, Function<String, String> env) {
    tls.caFile()
        .ifPresent(
            ca -> {
              p.put(SslConfigs.SSL_TRUSTSTORE_TYPE_CONFIG, "PEM");
              p.put(SslConfigs.SSL_TRUSTSTORE_LOCATION_CONFIG, readable(ca, "caFile").toString());
            });
    tls.truststoreFile()
        .ifPresent(
            store -> {
              p.put(SslConfigs.SSL_TRUSTSTORE_TYPE_CONFIG, tls.truststoreType());
              p.put(
                  SslConfigs.SSL_TRUSTSTORE_LOCATION_CONFIG,
                  readable(store, "truststoreFile").toString());
              tls.truststorePassword()
                  .ifPresent(s -> p.put(SslConfigs.SSL_TRUSTSTORE_PASSWORD_CONFIG, s.reveal(env)));
            });
    if (tls.certFile().isPresent() && tls.keyFile().isPresent()) {
      // PEM content in the settings: Kafka takes a PEM key and chain only so, or as one file.
      p.put(SslConfigs.SSL_KEYSTORE_TYPE_CONFIG, "PEM");
      p.put(
          SslConfigs.SSL_KEYSTORE_CERTIFICATE_CHAIN_CONFIG,
          content(tls.certFile().get(), "certFile"));
      p.put(SslConfigs.SSL_KEYSTORE_KEY_CONFIG, content(tls.keyFile().get(), "keyFile"));
    }
    tls.keystoreFile()
        .ifPresent(
            store -> {
              p.put(SslConfigs.SSL_KEYSTORE_TYPE_CONFIG, tls.keystoreType());
              p.put(
                  SslConfigs.SSL_KEYSTORE_LOCATION_CONFIG,
                  readable(store, "keystoreFile").toString());
              tls.keystorePassword()
                  .map(s -> s.reveal(env))
                  .ifPresent(
                      password -> {
                        p.put(SslConfigs.SSL_KEYSTORE_PASSWORD_CONFIG, password);
                        p.put(SslConfigs.SSL_KEY_PASSWORD_CONFIG, password);
                      });
            });
  }

  private static Path readable(Path file, String key) {
    if (!Files.isReadable(file)) {
      throw unreadable(key, file, "does not exist or is not readable");
    }
    return file;
  }

  private static String content(Path file, String key) {
    try {
      return Files.readString(readable(file, key), StandardCharsets.US_ASCII);
    } catch (IOException e) {
      throw unreadable(key, file, "cannot be read (" + e.getClass().getSimpleName() + ")");
    }
  }

  private static PipelineConfigException unreadable(String key, Path file, String problem) {
    return new PipelineConfigException(
        "pipeline file", List.of("kafka.security.tls." + key + ": file '" + file + "' " + problem));
  }
}
