package io.widerow.ingest.debezium;

import io.widerow.core.pipeline.PipelineConfigException;
import io.widerow.core.pipeline.Source;
import io.widerow.core.pipeline.SourceTls;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.Base64;
import java.util.Collection;
import java.util.List;
import java.util.Properties;

/**
 * A source's TLS in Debezium's terms: {@code database.ssl.mode} in the connector's own words, the
 * CA for the JDBC driver ({@code driver.serverSslCert}) and, for the binlog reader, which takes
 * only a keystore file, a PKCS12 truststore made from the CA's PEM at start-up.
 */
final class SourceTlsProperties {

  private SourceTlsProperties() {}

  static void apply(Properties p, Source source) {
    SourceTls tls = source.tls();
    p.setProperty("database.ssl.mode", mode(source.connector(), tls.mode()));
    if (tls.caFile().isPresent()) {
      Path ca = tls.caFile().get();
      p.setProperty("driver.serverSslCert", ca.toString());
      String password = randomPassword();
      Path store = truststore(source, ca, password);
      p.setProperty("database.ssl.truststore", store.toString());
      p.setProperty("database.ssl.truststore.password", password);
    }
  }

  /** MariaDB's connector names the modes as its driver does; MySQL's as MySQL's ssl-mode. */
  static String mode(Source.Connector connector, SourceTls.Mode mode) {
    if (connector == Source.Connector.MARIADB) {
      return switch (mode) {
        case DISABLED, PREFERRED -> "disable";
        case REQUIRED -> "trust";
        case VERIFY_CA -> "verify-ca";
        case VERIFY_IDENTITY -> "verify-full";
      };
    }
    return switch (mode) {
      case DISABLED -> "disabled";
      case PREFERRED -> "preferred";
      case REQUIRED -> "required";
      case VERIFY_CA -> "verify_ca";
      case VERIFY_IDENTITY -> "verify_identity";
    };
  }

  /** The CA's certificates in a PKCS12 file only this process's user can read. */
  static Path truststore(Source source, Path ca, String password) {
    String key = "sources." + source.name() + ".tls.caFile";
    Collection<? extends Certificate> certificates;
    try (InputStream in = Files.newInputStream(ca)) {
      certificates = CertificateFactory.getInstance("X.509").generateCertificates(in);
    } catch (IOException | GeneralSecurityException e) {
      throw new PipelineConfigException(
          "pipeline file",
          List.of(
              key
                  + ": cannot read '"
                  + ca
                  + "' as PEM certificates ("
                  + e.getClass().getSimpleName()
                  + "); expected the CA certificate, PEM"));
    }
    if (certificates.isEmpty()) {
      throw new PipelineConfigException(
          "pipeline file", List.of(key + ": '" + ca + "' holds no certificate; expected PEM"));
    }
    try {
      KeyStore store = KeyStore.getInstance("PKCS12");
      store.load(null, null);
      int i = 0;
      for (Certificate certificate : certificates) {
        store.setCertificateEntry("ca-" + i++, certificate);
      }
      Path file =
          Files.createTempFile(
              "widerow-" + source.name() + "-ca",
              ".p12",
              PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      file.toFile().deleteOnExit();
      try (OutputStream out = Files.newOutputStream(file)) {
        store.store(out, password.toCharArray());
      }
      return file;
    } catch (IOException | GeneralSecurityException e) {
      throw new IllegalStateException("cannot write the truststore of " + key, e);
    }
  }

  private static String randomPassword() {
    byte[] bytes = new byte[18];
    new SecureRandom().nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }
}
