package io.widerow.core.index;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The secondary index as the query path sees it: a query string in, rowkeys in hit order out. */
public interface SearchIndex extends AutoCloseable {

  /**
   * @throws IllegalArgumentException when the index refuses the query, with its reason
   */
  Hits search(SearchQuery query) throws IOException;

  /**
   * One search, with the limits already applied by the caller.
   *
   * @param queryString query-string syntax, searched in {@code defaultFields} unless it names a
   *     field
   * @param defaultFields the fields a term without a field searches; empty: the index's default
   * @param sort hit order; empty: by relevance
   * @param searchAfter the sort values of the last hit of the previous page, one per sort field;
   *     empty: the page starts at {@code from}
   * @param timeout how long the index may search before answering with what it has found
   * @param trackTotalHitsUpTo totals are exact up to this count; {@link Integer#MAX_VALUE}: always
   * @param documents whether hits carry their document (the searchable fields), not only the rowkey
   */
  record SearchQuery(
      String queryString,
      List<String> defaultFields,
      boolean leadingWildcards,
      List<SortField> sort,
      List<Object> searchAfter,
      int from,
      int size,
      Optional<Duration> timeout,
      int trackTotalHitsUpTo,
      boolean documents) {

    public SearchQuery {
      defaultFields = List.copyOf(defaultFields);
      sort = List.copyOf(sort);
      // List.copyOf refuses nulls, and a sort value may be null (a document without the field).
      searchAfter = java.util.Collections.unmodifiableList(new java.util.ArrayList<>(searchAfter));
    }

    /** A plain page: every field, relevance order, an exact total, no timeout, rowkeys only. */
    public static SearchQuery page(String queryString, int from, int size) {
      return new SearchQuery(
          queryString,
          List.of(),
          true,
          List.of(),
          List.of(),
          from,
          size,
          Optional.empty(),
          Integer.MAX_VALUE,
          false);
    }
  }

  /** One sort key; {@link #SCORE} sorts by relevance. */
  record SortField(String field, boolean descending) {
    public static final String SCORE = "_score";
  }

  /**
   * @param total all matching documents, not only this page; a lower bound unless {@code exact}
   * @param timedOut whether the index stopped searching at the timeout (the page may be partial)
   */
  record Hits(long total, boolean exact, boolean timedOut, List<Hit> hits) {
    public Hits {
      hits = List.copyOf(hits);
    }

    public List<String> rowkeys() {
      return hits.stream().map(Hit::rowkey).toList();
    }
  }

  /**
   * @param document the hit's searchable fields; empty unless asked for
   * @param sortValues the hit's values of the sort fields, for {@code searchAfter}
   */
  record Hit(String rowkey, Map<String, Object> document, List<Object> sortValues) {
    public Hit {
      document = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(document));
      sortValues = java.util.Collections.unmodifiableList(new java.util.ArrayList<>(sortValues));
    }
  }
}
