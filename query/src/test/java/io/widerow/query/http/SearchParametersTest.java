package io.widerow.query.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.widerow.core.index.SearchIndex.SearchQuery;
import io.widerow.core.index.SearchIndex.SortField;
import io.widerow.core.pipeline.Derivation;
import io.widerow.core.pipeline.FieldSpec;
import io.widerow.core.pipeline.FieldSpec.ValueField;
import io.widerow.core.pipeline.FieldType;
import io.widerow.core.pipeline.MappingOptions;
import io.widerow.core.pipeline.QuerySpec.Limits;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class SearchParametersTest {

  private static final List<FieldSpec> FIELDS =
      List.of(
          new ValueField("status", "orders", "status", FieldType.KEYWORD),
          new ValueField("total", "orders", "total", FieldType.DOUBLE),
          new ValueField("refund_reasons", "order_refund", "reason", FieldType.TEXT),
          new FieldSpec.NestedField(
              "items",
              "order_item",
              List.of(new ValueField("sku", "order_item", "sku", FieldType.KEYWORD))));

  private final SearchParameters searches = new SearchParameters(FIELDS, Limits.DEFAULT);

  private SearchQuery read(String query) {
    return searches.read(QueryParameters.parse(query));
  }

  @Test
  void aSearchIsBoundedByTheLimitsAndSearchesTheValueFieldsOnly() {
    SearchQuery q = read("q=status:PAID");
    assertThat(q.size()).isEqualTo(10);
    assertThat(q.from()).isZero();
    assertThat(q.defaultFields()).containsExactly("status", "total", "refund_reasons");
    assertThat(q.leadingWildcards()).isFalse();
    assertThat(q.timeout()).contains(Duration.ofSeconds(2));
    assertThat(q.trackTotalHitsUpTo()).isEqualTo(10_000);
    assertThat(q.documents()).isFalse();
    assertThat(q.sort())
        .containsExactly(new SortField("_score", true), new SortField("rowkey", false));
    assertThat(read("q=PAID&rows=false").documents()).isTrue();
  }

  @Test
  void derivedFieldsAndKeywordSubfieldsSortAndJsonKeysAreSearchable() {
    MappingOptions raw =
        new MappingOptions(
            java.util.Optional.empty(),
            java.util.Map.of(
                "raw",
                new MappingOptions.SubField(
                    FieldType.KEYWORD, java.util.Optional.empty(), java.util.Optional.empty())),
            true,
            true,
            java.util.Optional.empty(),
            List.of(),
            java.util.Optional.empty(),
            java.util.Optional.empty(),
            java.util.Optional.empty());
    Derivation sum =
        new Derivation(
            Derivation.Aggregate.SUM,
            java.util.Optional.of("price"),
            java.util.Optional.empty(),
            java.util.Optional.empty(),
            java.util.Map.of(),
            true);
    SearchParameters derived =
        new SearchParameters(
            List.of(
                new FieldSpec.DerivedField(
                    "items_total", "order_item", sum, FieldType.DOUBLE, MappingOptions.NONE),
                new ValueField(
                    "title", "orders", "title", FieldType.TEXT, java.util.Optional.empty(), raw),
                new ValueField("attributes", "orders", "attributes", FieldType.FLATTENED)),
            Limits.DEFAULT);
    SearchQuery q =
        derived.read(
            QueryParameters.parse(
                "q=attributes.channel:web%20AND%20title.raw:x&sort=items_total:desc,title.raw"));
    assertThat(q.sort())
        .extracting(SortField::field)
        .containsExactly("items_total", "title.raw", "rowkey");
    assertThatThrownBy(() -> derived.read(QueryParameters.parse("q=x&sort=title")))
        .hasMessageContaining("'title' cannot be sorted on");
  }

  @Test
  void sizeAndWindowHaveCeilings() {
    assertThat(read("q=x&size=100").size()).isEqualTo(100);
    assertThatThrownBy(() -> read("q=x&size=101"))
        .hasMessage("size: 101 is not valid; expected 0..100 (query.limits.maxSize)");
    assertThat(read("q=x&from=9900&size=100").from()).isEqualTo(9900);
    assertThatThrownBy(() -> read("q=x&from=9901&size=100"))
        .hasMessageStartingWith("from + size: 10001 is more than 10000 (query.limits.maxWindow)")
        .hasMessageContaining("search_after");
  }

  @Test
  void sortTakesSortableFieldsAndEndsWithTheRowkey() {
    assertThat(read("q=x&sort=total:desc,status").sort())
        .containsExactly(
            new SortField("total", true),
            new SortField("status", false),
            new SortField("rowkey", false));
    assertThatThrownBy(() -> read("q=x&sort=refund_reasons"))
        .hasMessage(
            "sort: 'refund_reasons' cannot be sorted on; expected _score or one of: status,"
                + " total");
    assertThatThrownBy(() -> read("q=x&sort=total:up"))
        .hasMessage("sort: 'total:up' has order 'up'; expected asc or desc");
  }

  @Test
  void searchAfterTakesTheCursorOfTheSameSort() {
    String cursor = SearchCursor.encode(Arrays.asList(12.5, "07ORD-1"));
    SearchQuery q = read("q=x&sort=total&search_after=" + cursor);
    assertThat(q.searchAfter()).containsExactly(12.5, "07ORD-1");
    assertThatThrownBy(() -> read("q=x&sort=total,status&search_after=" + cursor))
        .hasMessageStartingWith("search_after: the cursor belongs to another sort");
    assertThatThrownBy(() -> read("q=x&search_after=not-a-cursor!"))
        .hasMessageStartingWith("search_after: not a cursor this API handed out");
    assertThatThrownBy(() -> read("q=x&sort=total&from=10&search_after=" + cursor))
        .hasMessage("from: must be 0 with search_after (the cursor says where)");
  }

  @Test
  void theQueryIsCheckedAndRequired() {
    assertThatThrownBy(() -> read("size=3"))
        .hasMessage("q (a query-string query, as in status:PAID) is required");
    assertThatThrownBy(() -> read("q=status:*AID"))
        .isInstanceOfSatisfying(
            ApiException.class, e -> assertThat(e.code()).isEqualTo("bad_query"));
    assertThatThrownBy(() -> read("q=items.sku:X")).hasMessageContaining("not searchable here");
    assertThatThrownBy(() -> read("q=x&pretty=true")).hasMessageStartingWith("unknown parameter");
  }
}
