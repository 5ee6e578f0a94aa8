package io.widerow.query.http;

import io.widerow.core.index.IndexLayout;
import io.widerow.core.index.SearchIndex.SearchQuery;
import io.widerow.core.index.SearchIndex.SortField;
import io.widerow.core.pipeline.FieldSpec;
import io.widerow.core.pipeline.FieldType;
import io.widerow.core.pipeline.QuerySpec.Limits;
import io.widerow.query.QueryStringCheck;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Turns {@code /search} parameters into one bounded search: {@code q} over the pipeline's
 * searchable fields only, a page within {@code maxSize} and {@code maxWindow}, {@code sort} on
 * fields that can be sorted, {@code search_after} for deeper pages, the search timeout and the cap
 * on exact totals.
 */
final class SearchParameters {

  static final List<String> NAMES = List.of("q", "from", "size", "sort", "search_after", "rows");
  private static final int MAX_SORT_FIELDS = 4;

  private final Limits limits;
  private final List<String> defaultFields;
  private final Set<String> sortable;
  private final QueryStringCheck check;

  SearchParameters(List<FieldSpec> fields, Limits limits) {
    this.limits = limits;
    List<String> values = new ArrayList<>();
    Set<String> named = new LinkedHashSet<>();
    Set<String> sortable = new LinkedHashSet<>();
    for (FieldSpec field : fields) {
      if (field instanceof FieldSpec.NestedField) {
        continue;
      }
      FieldType type = field.type();
      String name = field.name();
      named.add(name);
      if (type != FieldType.OBJECT) {
        values.add(name);
      }
      if (type.isJson()) {
        named.add(name + ".*");
      }
      // Text is analyzed: sorting on it needs field data, which the mapping does not enable.
      if (field.options().sortable(type) && !(field instanceof FieldSpec.CopyField)) {
        sortable.add(name);
      }
      field
          .options()
          .subfields()
          .forEach(
              (sub, spec) -> {
                named.add(name + "." + sub);
                if (spec.type() == FieldType.KEYWORD) {
                  sortable.add(name + "." + sub);
                }
              });
    }
    this.defaultFields = List.copyOf(values);
    this.sortable = Set.copyOf(sortable);
    this.check = new QueryStringCheck(named, limits.leadingWildcards());
  }

  /** Whether the hits come back as whole rows (the default) or as their documents alone. */
  static boolean wantsRows(QueryParameters params) {
    return params.bool("rows", true);
  }

  SearchQuery read(QueryParameters params) {
    params.allowOnly(NAMES);
    String q = params.first("q");
    if (q == null || q.isBlank()) {
      throw ApiException.badRequest("q (a query-string query, as in status:PAID) is required");
    }
    try {
      check.check(q);
    } catch (IllegalArgumentException e) {
      throw new ApiException(400, "bad_query", e.getMessage());
    }
    int size = params.integer("size", limits.defaultSize());
    int from = params.integer("from", 0);
    if (size < 0 || size > limits.maxSize()) {
      throw ApiException.badRequest(
          "size: "
              + size
              + " is not valid; expected 0.."
              + limits.maxSize()
              + " (query.limits.maxSize)");
    }
    List<SortField> sort = sort(params.first("sort"));
    List<Object> after = List.of();
    String cursor = params.first("search_after");
    if (cursor != null) {
      if (from != 0) {
        throw ApiException.badRequest("from: must be 0 with search_after (the cursor says where)");
      }
      after = SearchCursor.decode(cursor, sort.size());
    } else if (from < 0 || (long) from + size > limits.maxWindow()) {
      throw ApiException.badRequest(
          "from + size: "
              + ((long) from + size)
              + " is more than "
              + limits.maxWindow()
              + " (query.limits.maxWindow), or from is negative; page deeper with search_after"
              + " (each page's 'next')");
    }
    return new SearchQuery(
        q,
        defaultFields,
        limits.leadingWildcards(),
        sort,
        after,
        from,
        size,
        Optional.of(limits.searchTimeout()),
        limits.trackTotalHitsUpTo(),
        !wantsRows(params));
  }

  /**
   * {@code field[:asc|:desc],...}, then the rowkey: a unique last key makes the order total, which
   * {@code search_after} needs to page without skipping or repeating a hit.
   */
  private List<SortField> sort(String text) {
    List<SortField> sort = new ArrayList<>();
    if (text == null || text.isBlank()) {
      sort.add(new SortField(SortField.SCORE, true));
    } else {
      String[] keys = text.split(",");
      if (keys.length > MAX_SORT_FIELDS) {
        throw ApiException.badRequest(
            "sort: " + keys.length + " fields; expected at most " + MAX_SORT_FIELDS);
      }
      for (String key : keys) {
        sort.add(sortField(key.strip()));
      }
    }
    sort.add(new SortField(IndexLayout.ROWKEY_FIELD, false));
    return sort;
  }

  private SortField sortField(String key) {
    int colon = key.lastIndexOf(':');
    String field = colon < 0 ? key : key.substring(0, colon);
    String order = colon < 0 ? "" : key.substring(colon + 1);
    boolean score = field.equals(SortField.SCORE);
    if (!score && !sortable.contains(field)) {
      throw ApiException.badRequest(
          "sort: '"
              + field
              + "' cannot be sorted on; expected _score or one of: "
              + String.join(", ", new TreeSet<>(sortable)));
    }
    return switch (order) {
      case "" -> new SortField(field, score);
      case "asc" -> new SortField(field, false);
      case "desc" -> new SortField(field, true);
      default ->
          throw ApiException.badRequest(
              "sort: '" + key + "' has order '" + order + "'; expected asc or desc");
    };
  }
}
