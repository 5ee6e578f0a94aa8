package io.widerow.ingest.debezium;

import io.widerow.core.pipeline.Pipeline;
import io.widerow.core.pipeline.Source;
import io.widerow.core.service.FatalException;
import java.sql.SQLException;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Sorts why a source's CDC engine ended: what no retry or restart can mend (refused credentials, a
 * binlog position the server no longer has, a server not set up for row-based CDC) becomes a {@link
 * FatalException} that says what to do; anything else is left as it is, a runtime failure after
 * which a restart resumes from the committed offsets.
 *
 * <p>Debezium reports most of these as a generic {@code DebeziumException} or Connect exception, so
 * the cause chain's SQL error codes and messages are what tells them apart.
 */
public final class SourceFailures {

  /**
   * MariaDB/MySQL error codes for refused access: 1044 database access denied, 1045 wrong user or
   * password, 1142 table access denied, 1227 a privilege CDC needs (REPLICATION SLAVE, BINLOG
   * MONITOR) is missing.
   */
  static final Set<Integer> ACCESS_DENIED_CODES = Set.of(1044, 1045, 1142, 1227);

  /** Debezium's words when the stored offset's binlog file was purged (BaseSourceTask). */
  static final String POSITION_GONE = "no longer available on the server";

  private SourceFailures() {}

  /**
   * @param message the engine's own completion message, which may carry the reason alone
   * @return a {@link FatalException} for a failure no restart mends, else {@code error} unchanged
   */
  public static Throwable classify(
      Pipeline pipeline, Source source, String message, Throwable error) {
    return fatal(pipeline, source, message, error).<Throwable>map(f -> f).orElse(error);
  }

  static Optional<FatalException> fatal(
      Pipeline pipeline, Source source, String message, Throwable error) {
    String at = "source " + source.name() + " (" + source.host() + ":" + source.port() + ")";
    for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (isAccessDenied(t)) {
        return Optional.of(accessDenied(at, source, t, error));
      }
    }
    for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (isUntrusted(t)) {
        return Optional.of(untrusted(at, source, t, error));
      }
    }
    String text = allMessages(message, error);
    String lower = text.toLowerCase(Locale.ROOT);
    if (lower.contains("access denied for user")) {
      return Optional.of(accessDenied(at, source, error, error));
    }
    if (lower.contains(POSITION_GONE)) {
      return Optional.of(
          new FatalException(
              at
                  + ": the binlog position in the stored offsets (topic "
                  + pipeline.topics().offsets()
                  + ") is no longer on the server: its binlog files were purged, so the changes"
                  + " since then cannot be read. Restore the binlogs, or reset this pipeline's"
                  + " offsets and schema history topics to take a new snapshot",
              error));
    }
    if (lower.contains("db history topic is missing")) {
      return Optional.of(
          new FatalException(
              at
                  + ": schema history topic "
                  + pipeline.topics().schemaHistory()
                  + " is missing while offsets exist; reset both topics to take a new snapshot",
              error));
    }
    if (lower.contains("binlog_format") || lower.contains("binlog_row_image")) {
      return Optional.of(
          new FatalException(
              at + ": the server is not set up for row-based CDC: " + lineWith(text, "binlog_"),
              error));
    }
    return Optional.empty();
  }

  private static boolean isAccessDenied(Throwable t) {
    if (t instanceof SQLException sql) {
      String state = sql.getSQLState();
      return ACCESS_DENIED_CODES.contains(sql.getErrorCode())
          || (state != null && state.startsWith("28"));
    }
    return false;
  }

  /** A TLS handshake the server's certificate failed: no retry makes it trusted. */
  static boolean isUntrusted(Throwable t) {
    return t instanceof javax.net.ssl.SSLHandshakeException
        || t instanceof java.security.cert.CertificateException
        || t instanceof java.security.cert.CertPathValidatorException
        || t instanceof javax.net.ssl.SSLPeerUnverifiedException;
  }

  private static FatalException untrusted(
      String at, Source source, Throwable reason, Throwable error) {
    return new FatalException(
        at
            + ": TLS to the server failed, its certificate is not trusted ("
            + firstLine(String.valueOf(reason.getMessage()))
            + "); check sources."
            + source.name()
            + ".tls.caFile (the CA that signed the server's certificate) and tls.mode",
        error);
  }

  private static FatalException accessDenied(
      String at, Source source, Throwable reason, Throwable error) {
    return new FatalException(
        at
            + " refused user '"
            + source.user()
            + "': "
            + firstLine(reason == null ? "access denied" : String.valueOf(reason.getMessage()))
            + "; check sources."
            + source.name()
            + ".user, the password in "
            + source.password().describe()
            + " and the user's grants (SELECT, RELOAD, SHOW DATABASES, REPLICATION SLAVE,"
            + " BINLOG MONITOR)",
        error);
  }

  private static String allMessages(String message, Throwable error) {
    StringBuilder text = new StringBuilder(message == null ? "" : message);
    for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
      text.append('\n').append(t.getMessage());
    }
    return text.toString();
  }

  private static String lineWith(String text, String word) {
    return text.lines().filter(l -> l.contains(word)).findFirst().orElse(text).strip();
  }

  private static String firstLine(String text) {
    String trimmed = text.strip();
    int end = trimmed.indexOf('\n');
    return end < 0 ? trimmed : trimmed.substring(0, end);
  }
}
