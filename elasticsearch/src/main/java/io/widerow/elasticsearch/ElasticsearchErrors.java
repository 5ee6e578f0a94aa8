package io.widerow.elasticsearch;

import co.elastic.clients.elasticsearch._types.ElasticsearchException;
import io.widerow.core.retry.Causes;
import org.elasticsearch.client.ResponseException;

/** Elasticsearch failures that no retry can mend: the cluster refused who we are (401, 403). */
public final class ElasticsearchErrors {

  private ElasticsearchErrors() {}

  public static boolean isFatal(Throwable t) {
    return Causes.anyMatch(t, c -> isRefused(status(c)));
  }

  private static boolean isRefused(int status) {
    return status == 401 || status == 403;
  }

  private static int status(Throwable t) {
    if (t instanceof ElasticsearchException e) {
      return e.status();
    }
    if (t instanceof ResponseException e) {
      return e.getResponse().getStatusLine().getStatusCode();
    }
    return 0;
  }
}
