package io.widerow.elasticsearch;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.ElasticsearchException;
import co.elastic.clients.elasticsearch._types.ErrorCause;
import co.elastic.clients.elasticsearch._types.FieldValue;
import co.elastic.clients.elasticsearch._types.SortOptions;
import co.elastic.clients.elasticsearch._types.SortOrder;
import co.elastic.clients.elasticsearch.core.SearchRequest;
import co.elastic.clients.elasticsearch.core.SearchResponse;
import co.elastic.clients.elasticsearch.core.search.TotalHitsRelation;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.widerow.core.index.IndexLayout;
import io.widerow.core.index.SearchIndex;
import io.widerow.core.pipeline.ElasticsearchSpec;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@link SearchIndex} over the pipeline's alias (which hides tombstones of deleted entities): a
 * {@code query_string} query fetching each hit's rowkey, and its document when asked.
 */
public final class ElasticsearchSearchIndex implements SearchIndex {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final TypeReference<Map<String, Object>> DOCUMENT = new TypeReference<>() {};

  private final ElasticsearchClient client;
  private final String alias;

  public ElasticsearchSearchIndex(ElasticsearchClient client, String alias) {
    this.client = client;
    this.alias = alias;
  }

  /** Opens a client of its own, closed with this index. */
  public static ElasticsearchSearchIndex open(ElasticsearchSpec spec) {
    return new ElasticsearchSearchIndex(ElasticsearchClients.create(spec), IndexLayout.alias(spec));
  }

  @Override
  public Hits search(SearchQuery query) throws IOException {
    SearchResponse<JsonNode> response;
    try {
      response = client.search(request(query), JsonNode.class);
    } catch (ElasticsearchException e) {
      if (e.status() == 400) {
        throw new IllegalArgumentException("bad query: " + rootReason(e.error()), e);
      }
      throw e;
    }
    List<Hit> hits = new ArrayList<>(response.hits().hits().size());
    for (var hit : response.hits().hits()) {
      JsonNode source = hit.source();
      if (source == null || !source.path(IndexLayout.ROWKEY_FIELD).isTextual()) {
        continue;
      }
      String rowkey = source.path(IndexLayout.ROWKEY_FIELD).asText();
      Map<String, Object> document =
          query.documents() ? JSON.convertValue(source, DOCUMENT) : Map.of();
      hits.add(new Hit(rowkey, document, sortValues(hit.sort())));
    }
    var total = response.hits().total();
    return total == null
        ? new Hits(hits.size(), true, response.timedOut(), hits)
        : new Hits(
            total.value(), total.relation() == TotalHitsRelation.Eq, response.timedOut(), hits);
  }

  private SearchRequest request(SearchQuery query) {
    return SearchRequest.of(
        s -> {
          s.index(alias)
              .query(
                  q ->
                      q.queryString(
                          qs -> {
                            qs.query(query.queryString())
                                .allowLeadingWildcard(query.leadingWildcards());
                            if (!query.defaultFields().isEmpty()) {
                              // Lenient: a term like PAID must not fail on the numeric fields.
                              qs.fields(query.defaultFields()).lenient(true);
                            }
                            return qs;
                          }))
              .size(query.size())
              .source(
                  src ->
                      src.filter(
                          f ->
                              query.documents()
                                  ? f.excludes(IndexLayout.DELETED_FIELD)
                                  : f.includes(IndexLayout.ROWKEY_FIELD)));
          if (query.trackTotalHitsUpTo() == Integer.MAX_VALUE) {
            s.trackTotalHits(t -> t.enabled(true));
          } else {
            s.trackTotalHits(t -> t.count(query.trackTotalHitsUpTo()));
          }
          query.timeout().ifPresent(t -> s.timeout(t.toMillis() + "ms"));
          if (!query.sort().isEmpty()) {
            s.sort(query.sort().stream().map(ElasticsearchSearchIndex::sortOption).toList());
          }
          if (query.searchAfter().isEmpty()) {
            s.from(query.from());
          } else {
            s.searchAfter(
                query.searchAfter().stream().map(ElasticsearchSearchIndex::fieldValue).toList());
          }
          return s;
        });
  }

  private static SortOptions sortOption(SortField field) {
    SortOrder order = field.descending() ? SortOrder.Desc : SortOrder.Asc;
    return SortField.SCORE.equals(field.field())
        ? SortOptions.of(so -> so.score(sc -> sc.order(order)))
        : SortOptions.of(so -> so.field(f -> f.field(field.field()).order(order)));
  }

  private static FieldValue fieldValue(Object value) {
    if (value == null) {
      return FieldValue.NULL;
    }
    if (value instanceof Integer || value instanceof Long) {
      return FieldValue.of(((Number) value).longValue());
    }
    if (value instanceof Number n) {
      return FieldValue.of(n.doubleValue());
    }
    if (value instanceof Boolean b) {
      return FieldValue.of(b);
    }
    return FieldValue.of(value.toString());
  }

  private static List<Object> sortValues(List<FieldValue> values) {
    List<Object> plain = new ArrayList<>(values.size());
    for (FieldValue v : values) {
      plain.add(v.isNull() ? null : v._get());
    }
    return plain;
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
