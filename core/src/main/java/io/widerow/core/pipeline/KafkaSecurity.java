package io.widerow.core.pipeline;

import java.nio.file.Path;
import java.util.Optional;

/**
 * How every Kafka client of the pipeline (producers, consumers, admin clients, Debezium's offset
 * store and schema history) authenticates and encrypts.
 */
public record KafkaSecurity(Protocol protocol, Optional<Sasl> sasl, Optional<Tls> tls) {

  public static final KafkaSecurity PLAINTEXT =
      new KafkaSecurity(Protocol.PLAINTEXT, Optional.empty(), Optional.empty());

  /** Kafka's {@code security.protocol}. */
  public enum Protocol {
    PLAINTEXT,
    SSL,
    SASL_PLAINTEXT,
    SASL_SSL;

    public boolean usesSasl() {
      return this == SASL_PLAINTEXT || this == SASL_SSL;
    }

    public boolean usesTls() {
      return this == SSL || this == SASL_SSL;
    }
  }

  /** Kafka's {@code sasl.mechanism}, of the mechanisms widerow builds the JAAS line for. */
  public enum Mechanism {
    PLAIN("PLAIN"),
    SCRAM_SHA_256("SCRAM-SHA-256"),
    SCRAM_SHA_512("SCRAM-SHA-512");

    private final String kafkaName;

    Mechanism(String kafkaName) {
      this.kafkaName = kafkaName;
    }

    public String kafkaName() {
      return kafkaName;
    }
  }

  /** A SASL user; the password is a reference, read when a client is built. */
  public record Sasl(Mechanism mechanism, String username, Secret password) {}

  /**
   * Trust and client identity. Either {@code caFile} (PEM) or a {@code truststoreFile}; either a
   * PEM {@code certFile} + {@code keyFile} pair or a {@code keystoreFile}.
   *
   * @param storeType {@code PKCS12} or {@code JKS}, of the truststore and keystore files
   */
  public record Tls(
      Optional<Path> caFile,
      Optional<Path> truststoreFile,
      String truststoreType,
      Optional<Secret> truststorePassword,
      Optional<Path> certFile,
      Optional<Path> keyFile,
      Optional<Path> keystoreFile,
      String keystoreType,
      Optional<Secret> keystorePassword) {}
}
