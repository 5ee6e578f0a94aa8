package io.widerow.elasticsearch;

import co.elastic.clients.elasticsearch._types.ElasticsearchException;
import co.elastic.clients.transport.TransportException;
import io.widerow.core.retry.Causes;
import org.elasticsearch.client.ResponseException;

/** Elasticsearch failures that no retry can mend: the cluster refused who we are (401, 403). */
public final class ElasticsearchErrors {

  private ElasticsearchErrors() {}

  public static boolean isFatal(Throwable t) {
    return Causes.anyMatch(t, c -> isRefused(statusOf(c)));
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
