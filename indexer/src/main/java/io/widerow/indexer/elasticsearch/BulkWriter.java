package io.widerow.indexer.elasticsearch;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.ElasticsearchException;
import co.elastic.clients.elasticsearch._types.ErrorCause;
import co.elastic.clients.elasticsearch._types.VersionType;
import co.elastic.clients.elasticsearch.core.BulkRequest;
import co.elastic.clients.elasticsearch.core.BulkResponse;
import co.elastic.clients.elasticsearch.core.bulk.BulkResponseItem;
import co.elastic.clients.transport.TransportException;
import com.codahale.metrics.Counter;
import io.widerow.core.document.BuildOutcome.Rejected;
import io.widerow.core.document.IndexAction;
import io.widerow.core.document.IndexAction.Upsert;
import io.widerow.core.retry.Retrier;
import io.widerow.core.retry.RetrySettings;
import io.widerow.core.service.FatalException;
import io.widerow.elasticsearch.ElasticsearchErrors;
import io.widerow.indexer.BulkOutcome;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes a batch as one {@code _bulk} with {@code version_type=external} (version = the wide row's
 * {@code m:v}) and sorts each item's answer: 2xx applied, 409 superseded (a newer document is
 * there: success), 429/5xx resent with backoff, any other 4xx a record error. A request refused as
 * too large (413) is sent again in halves, and a document too large alone is a record error.
 * Deletes are written as tombstone documents (see {@link IndexManager}).
 */
public final class BulkWriter {

  private static final Logger LOG = LoggerFactory.getLogger(BulkWriter.class);

  /** Elasticsearch's answer to a request above {@code http.max_content_length}. */
  static final int REQUEST_TOO_LARGE = 413;

  private final ElasticsearchClient client;
  private final String alias;
  private final Retrier retrier;

  public BulkWriter(
      ElasticsearchClient client, String alias, RetrySettings retry, Counter retries) {
    this.client = client;
    this.alias = alias;
    this.retrier = new Retrier("indexer.bulk", retry, retries, BulkWriter::isTransient);
  }

  /** Returns once every action is settled; throws when transient failures outlast the retry. */
  public BulkOutcome write(List<IndexAction> actions) throws Exception {
    if (actions.isEmpty()) {
      return BulkOutcome.NONE;
    }
    Attempts attempts = new Attempts(actions);
    retrier.run("bulk of " + actions.size() + " docs to " + alias, attempts::sendPending);
    return attempts.outcome();
  }

  static boolean isTransient(Throwable t) {
    if (t instanceof ElasticsearchException e) {
      return isTransientStatus(e.status());
    }
    if (t instanceof TransportException e && e.statusCode() > 0) {
      return isTransientStatus(e.statusCode());
    }
    return t instanceof IOException || t instanceof TransientItemsException;
  }

  private static String describe(Exception e) {
    return e instanceof ElasticsearchException es
        ? describe(es.error())
        : e.getClass().getSimpleName() + " " + ElasticsearchErrors.status(e);
  }

  // With require_alias a write to a name that is no alias fails instead of creating an index.
  private static boolean isMissingAlias(BulkResponseItem item) {
    return item.status() == 404
        && item.error() != null
        && "index_not_found_exception".equals(item.error().type());
  }

  private FatalException aliasGone() {
    return new FatalException(
        "bulk to "
            + alias
            + " refused: "
            + alias
            + " is not an alias (require_alias); it was deleted or never made. Restart the"
            + " indexer to recreate it over the newest "
            + alias
            + "-<n> index, or rebuild the index");
  }

  private static boolean isTransientStatus(int status) {
    return status == 429 || status >= 500;
  }

  /** Some items of a bulk got 429 or 5xx; only they are sent again. */
  static final class TransientItemsException extends Exception {
    TransientItemsException(int count, String firstReason) {
      super(count + " items failed transiently, first: " + firstReason, null, false, false);
    }
  }

  /** The state of one batch across retries: what is still pending, and how the rest settled. */
  private final class Attempts {
    private List<IndexAction> pending;
    private int indexed;
    private int deleted;
    private int superseded;
    private final List<Rejected> rejected = new ArrayList<>();

    Attempts(List<IndexAction> actions) {
      this.pending = actions;
    }

    /**
     * Sends what is pending, in halves where Elasticsearch refuses a request as too large (413,
     * {@code http.max_content_length}): a bulk that is too large would be refused on every retry. A
     * single document too large alone is a record error.
     */
    void sendPending() throws IOException, TransientItemsException {
      Deque<List<IndexAction>> chunks = new ArrayDeque<>();
      chunks.add(pending);
      List<IndexAction> again = new ArrayList<>();
      String firstReason = null;
      while (!chunks.isEmpty()) {
        List<IndexAction> chunk = chunks.poll();
        BulkResponse response;
        try {
          response = client.bulk(request(chunk));
        } catch (IOException | ElasticsearchException e) {
          if (ElasticsearchErrors.status(e) == REQUEST_TOO_LARGE) {
            split(chunk, chunks);
            continue;
          }
          if (!isTransient(e)) {
            // The whole request was refused (index gone, no permission): no retry can mend it.
            throw new FatalException("bulk to " + alias + " refused: " + describe(e), e);
          }
          // What this attempt did not settle is sent again; what it did is not.
          again.addAll(chunk);
          chunks.forEach(again::addAll);
          pending = again;
          throw e;
        }
        firstReason = settle(response, chunk, again, firstReason);
      }
      pending = again;
      if (!again.isEmpty()) {
        throw new TransientItemsException(again.size(), firstReason);
      }
    }

    private void split(List<IndexAction> chunk, Deque<List<IndexAction>> chunks) {
      if (chunk.size() == 1) {
        rejected.add(
            new Rejected(
                chunk.get(0).rowkey(),
                REQUEST_TOO_LARGE
                    + " the document alone is larger than Elasticsearch accepts in one request"
                    + " (http.max_content_length)"));
        return;
      }
      int half = chunk.size() / 2;
      chunks.addFirst(chunk.subList(half, chunk.size()));
      chunks.addFirst(chunk.subList(0, half));
      LOG.warn(
          "bulk of {} documents to {} refused as too large (413); sending it in halves",
          chunk.size(),
          alias);
    }

    /** Counts each item's answer; returns the first transient reason seen. */
    private String settle(
        BulkResponse response, List<IndexAction> chunk, List<IndexAction> again, String first) {
      String firstReason = first;
      List<BulkResponseItem> items = response.items();
      for (int i = 0; i < items.size(); i++) {
        BulkResponseItem item = items.get(i);
        IndexAction action = chunk.get(i);
        int status = item.status();
        if (status >= 200 && status < 300) {
          if (action instanceof Upsert) {
            indexed++;
          } else {
            deleted++;
          }
        } else if (status == 409) {
          superseded++;
        } else if (isMissingAlias(item)) {
          throw aliasGone();
        } else if (isTransientStatus(status)) {
          again.add(action);
          firstReason = firstReason == null ? status + " " + describe(item.error()) : firstReason;
        } else {
          rejected.add(new Rejected(action.rowkey(), status + " " + describe(item.error())));
        }
      }
      return firstReason;
    }

    BulkOutcome outcome() {
      return new BulkOutcome(indexed, deleted, superseded, rejected);
    }
  }

  private BulkRequest request(List<IndexAction> actions) {
    BulkRequest.Builder bulk = new BulkRequest.Builder().index(alias).requireAlias(true);
    for (IndexAction action : actions) {
      Map<String, Object> document =
          action instanceof Upsert upsert
              ? upsert.document()
              : IndexMapping.tombstone(action.rowkey());
      bulk.operations(
          op ->
              op.index(
                  index ->
                      index
                          .id(action.id())
                          .version(action.version())
                          .versionType(VersionType.External)
                          .document(document)));
    }
    return bulk.build();
  }

  /**
   * The error's type and reason without the value preview Elasticsearch appends to mapping errors:
   * reasons end up in logs and dead-letter headers, and a value may be personal data.
   */
  public static String describe(ErrorCause error) {
    if (error == null) {
      return "no error detail";
    }
    String reason = String.valueOf(error.reason());
    int preview = reason.indexOf("Preview of field's value");
    if (preview >= 0) {
      reason = reason.substring(0, preview).trim();
    }
    return error.type() + ": " + reason;
  }
}
