package io.widerow.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyStore;
import java.security.SignatureException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The secured side's files, made with the real openssl and keytool. */
class StackSecretsTest {

  @TempDir static Path home;

  private static StackSecrets secrets;

  @BeforeAll
  static void make() throws Exception {
    secrets = new StackSecrets(config(home));
    secrets.ensure();
  }

  @Test
  void serverCertificateIsSignedByTheCaForLoopback() throws Exception {
    X509Certificate ca = certificate(secrets.caFile());
    X509Certificate server = certificate(secrets.serverCertFile());

    server.verify(ca.getPublicKey());
    assertThat(server.getSubjectAlternativeNames())
        .extracting(name -> (Object) name.get(1))
        .containsExactlyInAnyOrder((Object) "127.0.0.1", "localhost");
    assertThat(server.getBasicConstraints()).isEqualTo(-1);
    assertThat(ca.getBasicConstraints()).isGreaterThanOrEqualTo(0);
  }

  @Test
  void anotherCaSignedNoneOfTheStacksCertificates() throws Exception {
    X509Certificate other = certificate(StackSecrets.otherCa(home.resolve("other")));

    assertThatThrownBy(() -> certificate(secrets.serverCertFile()).verify(other.getPublicKey()))
        .isInstanceOf(SignatureException.class);
  }

  @Test
  void storesOpenWithTheirPasswordFiles() throws Exception {
    KeyStore keystore = load(secrets.serverKeystoreFile(), secrets.keystorePasswordFile());
    KeyStore truststore = load(secrets.truststoreFile(), secrets.truststorePasswordFile());

    assertThat(keystore.isKeyEntry("server")).isTrue();
    assertThat(keystore.getCertificateChain("server")).hasSize(2);
    assertThat(truststore.isCertificateEntry("widerow-ca")).isTrue();
    assertThat(truststore.getCertificate("widerow-ca")).isEqualTo(certificate(secrets.caFile()));
  }

  @Test
  void secretsAreRandomPrivateAndKeptAcrossStarts() throws Exception {
    String kafka = StackSecrets.read(secrets.kafkaPasswordFile());
    String ca = Files.readString(secrets.caFile());

    secrets.ensure();

    assertThat(StackSecrets.read(secrets.kafkaPasswordFile())).isEqualTo(kafka).hasSize(24);
    assertThat(StackSecrets.read(secrets.elasticsearchPasswordFile())).isNotEqualTo(kafka);
    assertThat(Files.readString(secrets.caFile())).isEqualTo(ca);
    assertThat(
            PosixFilePermissions.toString(
                Files.getPosixFilePermissions(secrets.kafkaPasswordFile())))
        .isEqualTo("rw-------");
  }

  @Test
  void fingerprintIsTheCasSha256InHexPairs() {
    assertThat(StackSecrets.fingerprint(secrets.caFile())).matches("([0-9A-F]{2}:){31}[0-9A-F]{2}");
  }

  private static X509Certificate certificate(Path pem) throws Exception {
    try (InputStream in = Files.newInputStream(pem)) {
      return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
    }
  }

  private static KeyStore load(Path store, Path passwordFile) throws Exception {
    KeyStore keystore = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(store)) {
      keystore.load(in, StackSecrets.read(passwordFile).toCharArray());
    }
    return keystore;
  }

  static StackConfig config(Path home) {
    return new StackConfig(
        home,
        1,
        2,
        3,
        4,
        5,
        6,
        7,
        JavaHomes.jdk17(Optional.empty()),
        Optional.empty(),
        Duration.ofSeconds(1),
        Duration.ofSeconds(1));
  }
}
