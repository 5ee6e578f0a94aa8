package io.widerow.kafka;

import io.widerow.core.pipeline.KafkaSpec;
import io.widerow.core.retry.Causes;
import io.widerow.core.service.FatalException;
import java.util.Optional;
import org.apache.kafka.common.errors.AuthenticationException;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.InvalidTopicException;
import org.apache.kafka.common.errors.SslAuthenticationException;

/** Kafka failures that no retry can mend: refused credentials or ACLs, an invalid topic. */
public final class KafkaErrors {

  private KafkaErrors() {}

  /**
   * A refused login or an untrusted broker certificate, as a fatal error that names the server and
   * the keys to mend; empty for other failures.
   */
  public static Optional<FatalException> refusal(KafkaSpec kafka, Throwable error) {
    for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof SslAuthenticationException) {
        return Optional.of(
            new FatalException(
                "kafka ("
                    + kafka.bootstrapServers()
                    + "): TLS to the brokers failed, their certificate is not trusted ("
                    + t.getMessage()
                    + "); check kafka.security.tls (caFile or truststoreFile) and"
                    + " kafka.security.protocol",
                error));
      }
      if (t instanceof AuthenticationException) {
        String user =
            kafka.security().sasl().map(s -> " of user '" + s.username() + "'").orElse("");
        String secret =
            kafka
                .security()
                .sasl()
                .map(s -> ", the password in " + s.password().describe())
                .orElse("");
        return Optional.of(
            new FatalException(
                "kafka ("
                    + kafka.bootstrapServers()
                    + ") refused the login"
                    + user
                    + ": "
                    + t.getMessage()
                    + "; check kafka.security.sasl (mechanism, username"
                    + secret
                    + ")",
                error));
      }
    }
    return Optional.empty();
  }

  public static boolean isFatal(Throwable t) {
    return Causes.anyMatch(
        t,
        c ->
            c instanceof AuthenticationException
                || c instanceof AuthorizationException
                || c instanceof InvalidTopicException);
  }
}
