package io.widerow.core.pipeline;

import static io.widerow.core.pipeline.PipelineYaml.demo;
import static org.assertj.core.api.Assertions.assertThat;

import io.widerow.core.pipeline.Derivation.Aggregate;
import io.widerow.core.pipeline.FieldSpec.CopyField;
import io.widerow.core.pipeline.FieldSpec.DerivedField;
import io.widerow.core.pipeline.FieldSpec.ValueField;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Derived fields and mapping options: each new key valid, then invalid with key, value and why. */
class DerivedFieldsValidationTest {

  private static final String F = "elasticsearch.fields.";

  private static FieldSpec field(PipelineYaml yaml, String name) {
    return yaml.load().elasticsearch().fields().stream()
        .filter(f -> f.name().equals(name))
        .findFirst()
        .orElseThrow();
  }

  private static List<String> errors(String name, Map<String, Object> field) {
    return demo().set(F + name, field).errors();
  }

  @Test
  void countOfRowsOrOfValues() {
    DerivedField rows =
        (DerivedField)
            field(demo().set(F + "n", Map.of("count", "order_item", "type", "long")), "n");
    assertThat(rows.derivation().aggregate()).isEqualTo(Aggregate.COUNT);
    assertThat(rows.derivation().column()).isEmpty();
    DerivedField values =
        (DerivedField)
            field(demo().set(F + "n", Map.of("count", "order_item.sku", "type", "integer")), "n");
    assertThat(values.derivation().column()).contains("sku");
    assertThat(errors("n", Map.of("count", "order_item", "type", "double")))
        .containsExactly(
            F + "n.type: 'double' is not valid; expected one of: long, integer (for a count)");
    assertThat(errors("n", Map.of("count", "nope", "type", "long")))
        .containsExactly(
            F
                + "n.count: table 'nope' is not declared (tables: orders, order_payment,"
                + " order_fulfillment, order_refund, order_item)");
    assertThat(errors("n", Map.of("count", "order_item.color", "type", "long")))
        .containsExactly(
            F
                + "n.count: column 'color' is not kept by table 'order_item' (columns: item_id,"
                + " order_id, sku, title, quantity, price, version)");
  }

  @Test
  void sumWithTimesWhereAndEmpty() {
    DerivedField sum =
        (DerivedField)
            field(
                demo()
                    .set(
                        F + "s",
                        Map.of(
                            "sum", "order_item.quantity",
                            "times", "price",
                            "where", Map.of("sku", List.of("A", "B")),
                            "type", "double",
                            "empty", "zero")),
                "s");
    assertThat(sum.derivation())
        .isEqualTo(
            new Derivation(
                Aggregate.SUM,
                Optional.of("quantity"),
                Optional.of("price"),
                Optional.empty(),
                Map.of("sku", List.of("A", "B")),
                true));
    assertThat(errors("s", Map.of("sum", "order_item.quantity", "type", "keyword")))
        .containsExactly(
            F
                + "s.type: 'keyword' is not valid; expected one of: long, integer, double,"
                + " scaled_float (for a sum)");
    assertThat(errors("s", Map.of("sum", "order_item", "type", "long")))
        .containsExactly(
            F + "s.sum: 'order_item' is not valid; expected table.column of a number column");
    assertThat(errors("s", Map.of("max", "order_item.price", "times", "quantity", "type", "long")))
        .containsExactly(
            F
                + "s.times: 'quantity' is not valid; expected no times here: it applies to a sum only");
    assertThat(errors("s", Map.of("sum", "order_item.price", "times", "colour", "type", "long")))
        .containsExactly(
            F
                + "s.times: column 'colour' is not kept by table 'order_item' (columns: item_id,"
                + " order_id, sku, title, quantity, price, version)");
    assertThat(errors("s", Map.of("sum", "order_item.price", "empty", "none", "type", "long")))
        .containsExactly(F + "s.empty: 'none' is not valid; expected one of: null, zero");
    assertThat(errors("s", Map.of("count", "order_item", "empty", "zero", "type", "long")))
        .containsExactly(
            F
                + "s.empty: 'zero' is not valid; expected no empty here: it applies to a sum only"
                + " (a count of nothing is 0, a min of nothing has no value)");
    assertThat(errors("s", Map.of("count", "order_item", "where", Map.of(), "type", "long")))
        .containsExactly(
            F
                + "s.where: {} is not valid; expected a non-empty mapping from column to a value or"
                + " a list of values, as in {status: REFUNDED}");
    assertThat(
            errors(
                "s", Map.of("count", "order_item", "where", Map.of("state", "X"), "type", "long")))
        .containsExactly(
            F
                + "s.where.state: column 'state' is not kept by table 'order_item' (columns:"
                + " item_id, order_id, sku, title, quantity, price, version)");
  }

  @Test
  void oneAggregatePerField() {
    assertThat(
            errors(
                "x", Map.of("sum", "order_item.price", "max", "order_item.price", "type", "long")))
        .containsExactly(
            F + "x: sets sum and max; expected one of: count, sum, min, max, first, last");
  }

  @Test
  void firstAndLastNeedAnOrderingColumn() {
    DerivedField first =
        (DerivedField)
            field(
                demo()
                    .set(
                        F + "f",
                        Map.of("first", "order_item.sku", "by", "item_id", "type", "keyword")),
                "f");
    assertThat(first.derivation().by()).contains("item_id");
    assertThat(errors("f", Map.of("last", "order_item.sku", "type", "keyword")))
        .containsExactly(F + "f.by: missing; expected a column of the same table");
    assertThat(errors("f", Map.of("last", "order_item.sku", "by", "x", "type", "flattened")))
        .contains(
            F
                + "f.type: 'flattened' is not valid; expected one of: keyword, text, long, integer,"
                + " double, scaled_float, date, boolean (for a last)");
    assertThat(errors("f", Map.of("min", "order_item.sku", "by", "item_id", "type", "keyword")))
        .containsExactly(
            F
                + "f.by: 'item_id' is not valid; expected no by here: it applies to first and last"
                + " only");
  }

  @Test
  void aDefaultFitsTheTypeAndAOneTable() {
    ValueField paid =
        (ValueField)
            field(
                demo()
                    .set(
                        F + "p",
                        Map.of("from", "order_payment.amount", "type", "double", "default", "0")),
                "p");
    assertThat(paid.whenAbsent()).contains("0");
    assertThat(
            errors(
                "p", Map.of("from", "order_payment.amount", "type", "double", "default", "none")))
        .containsExactly(
            F
                + "p.default: 'none' is not valid; expected a decimal number (the field's type is"
                + " double)");
    assertThat(errors("p", Map.of("from", "order_item.sku", "type", "keyword", "default", "-")))
        .containsExactly(
            F
                + "p.default: '-' is not valid; expected no default: it applies to a field from a"
                + " table of cardinality one, and 'order_item' has many");
  }

  @Test
  void scaledFloatNeedsItsFactor() {
    ValueField scaled =
        (ValueField)
            field(
                demo()
                    .set(
                        F + "t",
                        Map.of(
                            "from", "orders.total", "type", "scaled_float", "scalingFactor", 100)),
                "t");
    assertThat(scaled.options().scalingFactor()).contains(100);
    assertThat(errors("t", Map.of("from", "orders.total", "type", "scaled_float")))
        .containsExactly(F + "t.scalingFactor: missing; expected an integer in 1..1000000000");
    assertThat(errors("t", Map.of("from", "orders.total", "type", "double", "scalingFactor", 100)))
        .containsExactly(
            F
                + "t.scalingFactor: '100' is not valid; expected no scalingFactor: it applies to"
                + " type scaled_float only, not double");
    assertThat(
            errors("t", Map.of("from", "orders.total", "type", "scaled_float", "scalingFactor", 0)))
        .containsExactly(
            F + "t.scalingFactor: '0' is not valid; expected an integer in 1..1000000000");
  }

  @Test
  void subfieldsOnTextAndKeyword() {
    ValueField title =
        (ValueField)
            field(
                demo()
                    .set(
                        F + "t",
                        Map.of(
                            "from", "orders.status",
                            "type", "text",
                            "subfields",
                                Map.of(
                                    "raw", Map.of("type", "keyword", "normalizer", "lowercase")))),
                "t");
    assertThat(title.options().subfields())
        .containsEntry(
            "raw",
            new MappingOptions.SubField(
                FieldType.KEYWORD, Optional.empty(), Optional.of("lowercase")));
    assertThat(
            errors(
                "t",
                Map.of(
                    "from",
                    "orders.user_id",
                    "type",
                    "long",
                    "subfields",
                    Map.of("s", Map.of("type", "keyword")))))
        .containsExactly(
            F
                + "t.subfields: a field of type long has no sub-fields; expected them only on a text"
                + " or keyword field");
    assertThat(
            errors(
                "t",
                Map.of(
                    "from",
                    "orders.status",
                    "type",
                    "text",
                    "subfields",
                    Map.of("s", Map.of("type", "long")))))
        .containsExactly(F + "t.subfields.s.type: 'long' is not valid; expected keyword or text");
    assertThat(
            errors(
                "t",
                Map.of(
                    "from", "orders.status",
                    "type", "text",
                    "subfields", Map.of("s", Map.of("type", "keyword", "analyzer", "cjk")))))
        .containsExactly(
            F
                + "t.subfields.s.analyzer: 'cjk' is not valid; expected no analyzer on a keyword"
                + " field; it applies to type text");
  }

  @Test
  void indexDocValuesAndNullValue() {
    ValueField status =
        (ValueField)
            field(
                demo()
                    .set(
                        F + "s",
                        Map.of(
                            "from", "orders.status",
                            "type", "keyword",
                            "index", false,
                            "docValues", false,
                            "nullValue", "NONE")),
                "s");
    assertThat(status.options().index()).isFalse();
    assertThat(status.options().docValues()).isFalse();
    assertThat(status.options().nullValue()).contains("NONE");
    assertThat(errors("s", Map.of("from", "orders.status", "type", "keyword", "index", "no")))
        .containsExactly(F + "s.index: 'no' is not valid; expected true or false");
    assertThat(errors("s", Map.of("from", "orders.status", "type", "text", "docValues", false)))
        .containsExactly(
            F
                + "s.docValues: 'false' is not valid; expected no docValues on a text field; it"
                + " applies to a type with doc values (not text, object or flattened)");
    assertThat(errors("s", Map.of("from", "orders.user_id", "type", "long", "nullValue", "none")))
        .containsExactly(
            F
                + "s.nullValue: 'none' is not valid; expected an integer (a long) (the field's type"
                + " is long)");
    assertThat(errors("s", Map.of("from", "orders.status", "type", "text", "nullValue", "x")))
        .containsExactly(
            F + "s.nullValue: 'x' is not valid; expected no nullValue: a text field has none");
  }

  @Test
  void copyToNamesATextOrKeywordFieldAndACopyFieldIsNamed() {
    PipelineYaml yaml =
        demo()
            .set(F + "all", Map.of("type", "text"))
            .set(
                F + "status",
                Map.of("from", "orders.status", "type", "keyword", "copyTo", List.of("all")));
    assertThat(field(yaml, "all")).isInstanceOf(CopyField.class);
    assertThat(field(yaml, "status").options().copyTo()).containsExactly("all");
    assertThat(demo().set(F + "all", Map.of("type", "text")).errors())
        .containsExactly(
            F
                + "all.from: missing; expected table.column, as in orders.status (or name this field"
                + " in another field's copyTo: no field copies to it)");
    assertThat(
            demo()
                .set(
                    F + "status",
                    Map.of("from", "orders.status", "type", "keyword", "copyTo", List.of("total")))
                .errors())
        .singleElement()
        .asString()
        .startsWith(
            F
                + "status.copyTo[0]: 'total' is not valid; expected another document field of type"
                + " text or keyword (");
  }

  @Test
  void dateFormatsAreNamesOrPatterns() {
    ValueField created =
        (ValueField)
            field(
                demo()
                    .set(
                        F + "created_at",
                        Map.of(
                            "from",
                            "orders.created_at",
                            "type",
                            "date",
                            "format",
                            "yyyy-MM-dd||strict_date")),
                "created_at");
    assertThat(created.options().format()).contains("yyyy-MM-dd||strict_date");
    assertThat(
            errors(
                "created_at",
                Map.of("from", "orders.created_at", "type", "date", "format", "yyyy||")))
        .containsExactly(
            F
                + "created_at.format: 'yyyy||' is not valid; expected Elasticsearch date format"
                + " names or java.time patterns separated by ||, as in yyyy-MM-dd||epoch_millis");
    assertThat(
            errors(
                "created_at", Map.of("from", "orders.status", "type", "keyword", "format", "yyyy")))
        .containsExactly(
            F
                + "created_at.format: 'yyyy' is not valid; expected no format on a keyword field; it"
                + " applies to type date");
  }

  @Test
  void analyzersAndNormalizersAreBuiltInOrDefined() {
    PipelineYaml yaml =
        demo()
            .set(
                "elasticsearch.analysis",
                Map.of(
                    "analyzers", Map.of("folded", Map.of("filters", List.of("lowercase"))),
                    "normalizers", Map.of("lower", Map.of("filters", List.of("lowercase")))))
            .set(
                F + "reason",
                Map.of("from", "order_refund.reason", "type", "text", "analyzer", "folded"))
            .set(
                F + "status",
                Map.of("from", "orders.status", "type", "keyword", "normalizer", "lower"));
    Analysis analysis = yaml.load().elasticsearch().analysis();
    assertThat(analysis.analyzers())
        .containsEntry("folded", new Analysis.Analyzer("standard", List.of("lowercase")));
    assertThat(field(yaml, "reason").options().analyzer()).contains("folded");
    assertThat(
            ((ValueField)
                    field(
                        demo()
                            .set(
                                F + "t",
                                Map.of("from", "orders.status", "type", "text", "analyzer", "cjk")),
                        "t"))
                .options()
                .analyzer())
        .contains("cjk");
    assertThat(errors("t", Map.of("from", "orders.status", "type", "text", "analyzer", "folded")))
        .singleElement()
        .asString()
        .startsWith(
            F + "t.analyzer: 'folded' is not valid; expected a built-in analyzer (standard,");
    assertThat(
            errors("t", Map.of("from", "orders.status", "type", "keyword", "normalizer", "upper")))
        .containsExactly(
            F
                + "t.normalizer: 'upper' is not valid; expected lowercase or one of"
                + " elasticsearch.analysis.normalizers ()");
    assertThat(
            demo()
                .set(
                    "elasticsearch.analysis",
                    Map.of("analyzers", Map.of("cjk", Map.of("filters", List.of("lowercase")))))
                .errors())
        .singleElement()
        .asString()
        .startsWith(
            "elasticsearch.analysis.analyzers.cjk: 'cjk' is not valid; expected a name that is not"
                + " a built-in analyzer's");
    assertThat(
            demo()
                .set(
                    "elasticsearch.analysis",
                    Map.of("normalizers", Map.of("n", Map.of("filters", List.of("Lower Case")))))
                .errors())
        .containsExactly(
            "elasticsearch.analysis.normalizers.n.filters[0]: 'Lower Case' is not valid; expected a"
                + " name matching [a-z][a-z0-9_]*, as in standard");
  }

  @Test
  void jsonFieldsTakeNoValueOptions() {
    PipelineYaml flattened =
        demo().set(F + "a", Map.of("from", "orders.attributes", "type", "flattened"));
    assertThat(field(flattened, "a").type()).isEqualTo(FieldType.FLATTENED);
    assertThat(errors("a", Map.of("from", "orders.attributes", "type", "object", "nullValue", "x")))
        .containsExactly(
            F + "a.nullValue: 'x' is not valid; expected no nullValue: a object field has none");
  }
}
