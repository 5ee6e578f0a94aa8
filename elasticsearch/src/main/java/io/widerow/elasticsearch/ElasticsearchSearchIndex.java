package io.widerow.elasticsearch;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.ElasticsearchException;
import co.elastic.clients.elasticsearch._types.ErrorCause;
import co.elastic.clients.elasticsearch.core.SearchResponse;
import co.elastic.clients.elasticsearch.core.search.Hit;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.widerow.core.index.IndexLayout;
import io.widerow.core.index.SearchIndex;
import io.widerow.core.pipeline.ElasticsearchSpec;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * {@link SearchIndex} over the pipeline's alias (which hides tombstones of deleted entities): a
 * {@code query_string} query fetching only each hit's rowkey.
 */
public final class ElasticsearchSearchIndex implements SearchIndex {

  private final ElasticsearchClient client;
  private final String alias;

  public ElasticsearchSearchIndex(ElasticsearchClient client, String alias) {
    this.client = client;
    this.alias = alias;
  }

  /** Opens a client of its own, closed with this index. */
  public static ElasticsearchSearchIndex open(ElasticsearchSpec spec) {
    return new ElasticsearchSearchIndex(
        ElasticsearchClients.create(spec.hosts()), IndexLayout.alias(spec));
  }

  /** What a hit's source is read as: the rowkey only. */
  @JsonIgnoreProperties(ignoreUnknown = true)
  record RowkeyOnly(String rowkey) {}

  @Override
  public Hits search(String queryString, int from, int size) throws IOException {
    SearchResponse<RowkeyOnly> response;
    try {
      response =
          client.search(
              s ->
                  s.index(alias)
                      .query(q -> q.queryString(qs -> qs.query(queryString)))
                      .from(from)
                      .size(size)
                      .trackTotalHits(t -> t.enabled(true))
                      .source(src -> src.filter(f -> f.includes(IndexLayout.ROWKEY_FIELD))),
              RowkeyOnly.class);
    } catch (ElasticsearchException e) {
      if (e.status() == 400) {
        throw new IllegalArgumentException("bad query: " + rootReason(e.error()), e);
      }
      throw e;
    }
    List<String> rowkeys = new ArrayList<>(response.hits().hits().size());
    for (Hit<RowkeyOnly> hit : response.hits().hits()) {
      if (hit.source() != null && hit.source().rowkey() != null) {
        rowkeys.add(hit.source().rowkey());
      }
    }
    long total = response.hits().total() == null ? rowkeys.size() : response.hits().total().value();
    return new Hits(total, rowkeys);
  }

  /** A failed search wraps the parse error a user can act on in its root cause. */
  private static String rootReason(ErrorCause error) {
    if (error == null) {
      return "no reason given";
    }
    ErrorCause cause = error.rootCause().isEmpty() ? error : error.rootCause().get(0);
    if (cause.causedBy() != null && cause.causedBy().reason() != null) {
      return cause.reason() + ": " + cause.causedBy().reason();
    }
    return cause.reason();
  }

  @Override
  public void close() throws IOException {
    client._transport().close();
  }
}
