package io.widerow.stack;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * The secured side's certificates and passwords, made at the first start under {@code
 * <home>/secrets} and kept: a CA, a server certificate for 127.0.0.1 and localhost signed by it
 * (PEM, and a PKCS12 keystore for Kafka), a PKCS12 truststore with the CA, and one password file
 * per secured account. The certificates come from Debian's openssl and the JDK's keytool.
 */
public final class StackSecrets {

  /** The Kafka SCRAM-SHA-512 user on the SASL_SSL listener. */
  public static final String KAFKA_USER = "widerow";

  /** The MariaDB CDC user that must connect with TLS ({@code REQUIRE SSL}). */
  public static final String CDC_TLS_USER = "widerow_cdc_tls";

  /** The basic-auth user of the Elasticsearch TLS proxy. */
  public static final String ELASTICSEARCH_USER = "widerow";

  static final String OPENSSL_HINT =
      "openssl not found: install it with: apt-get update && apt-get install -y openssl";

  private static final Duration STEP = Duration.ofMinutes(1);
  private static final char[] ALPHABET =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789".toCharArray();

  private final Path dir;
  private final Path keytool;

  public StackSecrets(StackConfig config) {
    this.dir = config.secretsDir();
    this.keytool = config.javaHome().resolve("bin/keytool");
  }

  public Path dir() {
    return dir;
  }

  /** The CA (PEM) every secured server's certificate chains to. */
  public Path caFile() {
    return dir.resolve("ca.pem");
  }

  /** The server certificate followed by the CA, as a TLS server sends its chain. */
  public Path serverChainFile() {
    return dir.resolve("server-chain.pem");
  }

  public Path serverCertFile() {
    return dir.resolve("server.pem");
  }

  public Path serverKeyFile() {
    return dir.resolve("server.key");
  }

  /** The server's key and chain as PKCS12, protected by {@link #keystorePasswordFile()}. */
  public Path serverKeystoreFile() {
    return dir.resolve("server.p12");
  }

  public Path keystorePasswordFile() {
    return dir.resolve("keystore.password");
  }

  /** The CA alone as a PKCS12 truststore, protected by {@link #truststorePasswordFile()}. */
  public Path truststoreFile() {
    return dir.resolve("truststore.p12");
  }

  public Path truststorePasswordFile() {
    return dir.resolve("truststore.password");
  }

  public Path kafkaPasswordFile() {
    return dir.resolve("kafka-widerow.password");
  }

  public Path cdcTlsPasswordFile() {
    return dir.resolve("mariadb-widerow_cdc_tls.password");
  }

  public Path elasticsearchPasswordFile() {
    return dir.resolve("elasticsearch-widerow.password");
  }

  /** The encoded API key ({@code base64(id:key)}) the proxy accepts. */
  public Path elasticsearchApiKeyFile() {
    return dir.resolve("elasticsearch.api-key");
  }

  /** Makes whatever is missing; what exists is kept, so running servers keep matching it. */
  public synchronized void ensure() throws IOException, InterruptedException {
    Files.createDirectories(dir);
    for (Path password :
        List.of(
            keystorePasswordFile(),
            truststorePasswordFile(),
            kafkaPasswordFile(),
            cdcTlsPasswordFile(),
            elasticsearchPasswordFile())) {
      if (!Files.exists(password)) {
        writePrivate(password, randomText(24));
      }
    }
    if (!Files.exists(elasticsearchApiKeyFile())) {
      String idAndKey = randomText(20) + ":" + randomText(22);
      writePrivate(
          elasticsearchApiKeyFile(),
          Base64.getEncoder().encodeToString(idAndKey.getBytes(StandardCharsets.US_ASCII)));
    }
    if (!Files.exists(caFile())) {
      makeCa(dir.resolve("ca.key"), caFile(), "widerow local stack CA");
    }
    if (!Files.exists(serverKeystoreFile())) {
      makeServerCertificate();
    }
    if (!Files.exists(truststoreFile())) {
      makeTruststore();
    }
  }

  /** A secret file's value, for a test that must send or look for it. */
  public static String read(Path secretFile) {
    try {
      return Files.readString(secretFile, StandardCharsets.UTF_8).strip();
    } catch (IOException e) {
      throw new IllegalStateException("cannot read " + secretFile + ": " + e.getMessage(), e);
    }
  }

  /** The SHA-256 fingerprint of a certificate (PEM), as Elasticsearch prints one (hex, colons). */
  public static String fingerprint(Path pem) {
    try (var in = Files.newInputStream(pem)) {
      X509Certificate ca =
          (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(ca.getEncoded());
      return HexFormat.ofDelimiter(":").withUpperCase().formatHex(digest);
    } catch (IOException | CertificateException | NoSuchAlgorithmException e) {
      throw new IllegalStateException("cannot read the certificate " + pem + ": " + e, e);
    }
  }

  /**
   * A CA of its own in {@code target} ({@code ca.pem}, {@code ca.key}) that signed none of the
   * stack's certificates: what a client trusting the wrong CA has.
   */
  public static Path otherCa(Path target) throws IOException, InterruptedException {
    Files.createDirectories(target);
    Path pem = target.resolve("ca.pem");
    makeCa(target.resolve("ca.key"), pem, "some other CA");
    return pem;
  }

  private static void makeCa(Path key, Path pem, String name)
      throws IOException, InterruptedException {
    openssl(
        key.getParent(),
        "req",
        "-x509",
        "-newkey",
        "rsa:2048",
        "-nodes",
        "-sha256",
        "-days",
        "3650",
        "-subj",
        "/CN=" + name,
        "-addext",
        "basicConstraints=critical,CA:TRUE",
        "-addext",
        "keyUsage=critical,keyCertSign,cRLSign",
        "-keyout",
        key.toString(),
        "-out",
        pem.toString());
  }

  private void makeServerCertificate() throws IOException, InterruptedException {
    Path csr = dir.resolve("server.csr");
    Path extensions = dir.resolve("server.ext");
    Files.writeString(
        extensions,
        String.join(
            "\n",
            "basicConstraints=CA:FALSE",
            "keyUsage=critical,digitalSignature,keyEncipherment",
            "extendedKeyUsage=serverAuth",
            "subjectAltName=IP:127.0.0.1,DNS:localhost",
            ""));
    openssl(
        dir,
        "req",
        "-newkey",
        "rsa:2048",
        "-nodes",
        "-subj",
        "/CN=localhost",
        "-keyout",
        serverKeyFile().toString(),
        "-out",
        csr.toString());
    openssl(
        dir,
        "x509",
        "-req",
        "-sha256",
        "-days",
        "3650",
        "-in",
        csr.toString(),
        "-CA",
        caFile().toString(),
        "-CAkey",
        dir.resolve("ca.key").toString(),
        "-CAcreateserial",
        "-extfile",
        extensions.toString(),
        "-out",
        serverCertFile().toString());
    Files.writeString(
        serverChainFile(), Files.readString(serverCertFile()) + Files.readString(caFile()));
    openssl(
        dir,
        "pkcs12",
        "-export",
        "-name",
        "server",
        "-in",
        serverCertFile().toString(),
        "-inkey",
        serverKeyFile().toString(),
        "-certfile",
        caFile().toString(),
        "-passout",
        "file:" + keystorePasswordFile(),
        "-out",
        serverKeystoreFile().toString());
  }

  private void makeTruststore() throws IOException, InterruptedException {
    // keytool, not openssl: a PKCS12 truststore needs the JDK's trusted-certificate attribute.
    ExternalCommand.run(
        List.of(
            keytool.toString(),
            "-importcert",
            "-noprompt",
            "-alias",
            "widerow-ca",
            "-storetype",
            "PKCS12",
            "-keystore",
            truststoreFile().toString(),
            "-storepass:file",
            truststorePasswordFile().toString(),
            "-file",
            caFile().toString()),
        dir,
        Map.of(),
        dir.resolve("keytool.log"),
        STEP);
  }

  private static void openssl(Path workDir, String... args)
      throws IOException, InterruptedException {
    Path openssl =
        ExternalCommand.which("openssl").orElseThrow(() -> new IllegalStateException(OPENSSL_HINT));
    List<String> command = new java.util.ArrayList<>(List.of(openssl.toString()));
    command.addAll(List.of(args));
    ExternalCommand.run(command, workDir, Map.of(), workDir.resolve("openssl.log"), STEP);
  }

  private static void writePrivate(Path file, String value) throws IOException {
    Files.writeString(file, value + "\n", StandardCharsets.UTF_8);
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
  }

  private static String randomText(int length) {
    SecureRandom random = new SecureRandom();
    StringBuilder text = new StringBuilder(length);
    for (int i = 0; i < length; i++) {
      text.append(ALPHABET[random.nextInt(ALPHABET.length)]);
    }
    return text.toString();
  }
}
