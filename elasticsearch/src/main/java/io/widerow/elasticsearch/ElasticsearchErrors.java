package io.widerow.elasticsearch;

import co.elastic.clients.elasticsearch._types.ElasticsearchException;
import co.elastic.clients.transport.TransportException;
import io.widerow.core.pipeline.ElasticsearchSpec;
import io.widerow.core.pipeline.Secret;
import io.widerow.core.retry.Causes;
import io.widerow.core.service.FatalException;
import java.util.Optional;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLPeerUnverifiedException;
import org.elasticsearch.client.ResponseException;

/**
 * Elasticsearch failures that no retry can mend: the cluster refused who we are (401, 403), or its
 * certificate is not trusted.
 */
public final class ElasticsearchErrors {

  private ElasticsearchErrors() {}

  public static boolean isFatal(Throwable t) {
    return Causes.anyMatch(t, c -> isRefused(statusOf(c)) || isUntrusted(c));
  }

  private static boolean isUntrusted(Throwable t) {
    return t instanceof SSLHandshakeException || t instanceof SSLPeerUnverifiedException;
  }

  /**
   * Refused credentials or an untrusted certificate, as a fatal error that names the server and the
   * keys to mend; empty for other failures.
   */
  public static Optional<FatalException> refusal(ElasticsearchSpec spec, Throwable error) {
    String server = "elasticsearch (" + spec.hosts() + ")";
    if (Causes.anyMatch(error, ElasticsearchErrors::isUntrusted)) {
      return Optional.of(
          new FatalException(
              server
                  + ": TLS failed, the server's certificate is not trusted; check"
                  + " elasticsearch.tls (caFile or fingerprint)",
              error));
    }
    int status = status(error);
    if (isRefused(status)) {
      return Optional.of(
          new FatalException(
              server
                  + " refused the credentials ("
                  + status
                  + "); check elasticsearch.auth"
                  + spec.security()
                      .username()
                      .map(
                          u ->
                              " (user '"
                                  + u
                                  + "', password in "
                                  + spec.security().password().map(Secret::describe).orElse("?")
                                  + ")")
                      .orElse(
                          spec.security()
                              .apiKey()
                              .map(k -> " (API key in " + k.describe() + ")")
                              .orElse(": no credentials are configured")),
              error));
    }
    return Optional.empty();
  }

  private static boolean isRefused(int status) {
    return status == 401 || status == 403;
  }

  /** The HTTP status the cluster answered with, anywhere in the cause chain; 0 when none. */
  public static int status(Throwable t) {
    for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
      int status = statusOf(c);
      if (status > 0) {
        return status;
      }
    }
    return 0;
  }

  private static int statusOf(Throwable t) {
    if (t instanceof ElasticsearchException e) {
      return e.status();
    }
    if (t instanceof ResponseException e) {
      return e.getResponse().getStatusLine().getStatusCode();
    }
    if (t instanceof TransportException e) {
      return e.statusCode();
    }
    return 0;
  }
}
