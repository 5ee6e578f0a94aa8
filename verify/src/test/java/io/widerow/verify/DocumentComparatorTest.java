package io.widerow.verify;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.widerow.core.document.BuildOutcome;
import io.widerow.core.document.IndexAction;
import io.widerow.verify.Difference.Kind;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DocumentComparatorTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final SourceEntity ENTITY = new SourceEntity("K", "01:K", List.of());
  private final DocumentComparator comparator = new DocumentComparator();

  @Test
  void sameFieldsWithOtherNumberWidthsAgree() throws Exception {
    var doc = upsert(Map.of("rowkey", "01:K", "qty", 2, "skus", List.of("A", "B")));

    assertThat(compare(doc, live(7, "{\"rowkey\":\"01:K\",\"qty\":2.0,\"skus\":[\"A\",\"B\"]}")))
        .isEmpty();
  }

  @Test
  void differingFieldsAreNamedWithBothVersions() throws Exception {
    var doc = upsert(Map.of("rowkey", "01:K", "status", "PAID", "skus", List.of("A", "B")));

    Difference d =
        compare(doc, live(7, "{\"rowkey\":\"01:K\",\"status\":\"NEW\",\"skus\":[\"A\"]}"))
            .orElseThrow();

    assertThat(d.kind()).isEqualTo(Kind.STALE_DOC);
    assertThat(d.line()).contains("fields skus,status", "es=7 hbase_mv=3").doesNotContain("PAID");
  }

  @Test
  void missingDocumentAndTombstoneForALiveEntityAreMissing() throws Exception {
    var doc = upsert(Map.of("rowkey", "01:K"));

    assertThat(compare(doc, null)).map(Difference::kind).contains(Kind.MISSING_DOC);
    assertThat(compare(doc, tombstone(4))).map(Difference::kind).contains(Kind.MISSING_DOC);
  }

  @Test
  void liveDocumentOfADeletedEntityIsExtraButATombstoneIsRight() throws Exception {
    var delete = new BuildOutcome.Ready(new IndexAction.Delete("K", "01:K", 3));

    assertThat(compare(delete, live(2, "{\"rowkey\":\"01:K\"}")))
        .map(Difference::kind)
        .contains(Kind.EXTRA_DOC);
    assertThat(compare(delete, tombstone(3))).isEmpty();
    assertThat(compare(delete, null)).isEmpty();
  }

  @Test
  void documentAboveTheRowVersionIsFlaggedAsBlockingTheReindex() throws Exception {
    var doc = upsert(Map.of("rowkey", "01:K", "status", "PAID"));

    Difference d = compare(doc, live(50, "{\"rowkey\":\"01:K\",\"status\":\"NEW\"}")).orElseThrow();

    assertThat(d.detail()).isEqualTo("re-index refused until m:v passes 50");
    assertThat(d.raiseVersionTo()).isEqualTo(50);
  }

  @Test
  void rowTheMappingCannotHoldIsUnindexable() {
    var rejected = new BuildOutcome.Rejected("01:K", "field total a String cannot be a double");

    assertThat(compare(rejected, null)).map(Difference::kind).contains(Kind.UNINDEXABLE);
  }

  private Optional<Difference> compare(BuildOutcome expected, StoredDocument actual) {
    return comparator.compare(ENTITY, expected, actual, 3);
  }

  private static BuildOutcome upsert(Map<String, Object> document) {
    return new BuildOutcome.Ready(new IndexAction.Upsert("K", "01:K", 3, document));
  }

  private static StoredDocument live(long version, String json) throws Exception {
    JsonNode source = JSON.readTree(json);
    return new StoredDocument("K", version, false, source);
  }

  private static StoredDocument tombstone(long version) throws Exception {
    return new StoredDocument(
        "K", version, true, JSON.readTree("{\"rowkey\":\"01:K\",\"widerow_deleted\":true}"));
  }
}
