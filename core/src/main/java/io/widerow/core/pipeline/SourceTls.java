package io.widerow.core.pipeline;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * How ingest and every JDBC connection of the project talk TLS to one source.
 *
 * @param caFile the CA certificate (PEM) the server's certificate must chain to; required by {@link
 *     Mode#VERIFY_CA} and {@link Mode#VERIFY_IDENTITY}
 */
public record SourceTls(Mode mode, Optional<Path> caFile) {

  /** No TLS: what a source without {@code tls} gets. */
  public static final SourceTls DISABLED = new SourceTls(Mode.DISABLED, Optional.empty());

  /**
   * The settings of the JDBC driver every connection of widerow to a source uses (MariaDB
   * Connector/J, also for connector mysql): {@code sslMode} and the CA file. The driver has no mode
   * that falls back to plain text, so {@code preferred} connects without TLS.
   */
  public Map<String, String> jdbcDriverSettings() {
    Map<String, String> settings = new LinkedHashMap<>();
    switch (mode) {
      case DISABLED, PREFERRED -> settings.put("sslMode", "disable");
      case REQUIRED -> settings.put("sslMode", "trust");
      case VERIFY_CA -> settings.put("sslMode", "verify-ca");
      case VERIFY_IDENTITY -> settings.put("sslMode", "verify-full");
    }
    caFile.ifPresent(ca -> settings.put("serverSslCert", ca.toString()));
    return settings;
  }

  /** How much TLS the connection requires and verifies, as MySQL's {@code ssl-mode} names it. */
  public enum Mode implements ConfigKey.Validator.Hyphenated {
    DISABLED,
    PREFERRED,
    REQUIRED,
    VERIFY_CA,
    VERIFY_IDENTITY;

    /** Whether the server's certificate is checked against {@code caFile}. */
    public boolean verifies() {
      return this == VERIFY_CA || this == VERIFY_IDENTITY;
    }
  }
}
