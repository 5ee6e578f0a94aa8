package io.widerow.query;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.util.Set;
import org.junit.jupiter.api.Test;

class QueryStringCheckTest {

  private final QueryStringCheck check =
      new QueryStringCheck(Set.of("status", "total", "created_at", "item_skus"), false);

  @Test
  void searchableFieldsRangesPhrasesAndTrailingWildcardsPass() {
    for (String q :
        new String[] {
          "status:PAID AND total:>50",
          "PAID",
          "status:(PAID OR NEW) -status:CANCELLED",
          "created_at:[2024-01-01T00:00:00 TO *]",
          "item_skus:SKU-1*",
          "\"a phrase: with colon\"",
          "status:PA?D",
          "_exists_:total",
          "status:*",
          "total:{10 TO 20}",
          "item_skus:/SKU-[0-9]+/",
          "created_at:2024-01-01T10\\:00\\:00"
        }) {
      assertThatCode(() -> check.check(q)).as(q).doesNotThrowAnyException();
    }
  }

  @Test
  void aFieldOutsideTheSearchableOnesIsRefusedWithTheListOfFields() {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> check.check("status:PAID AND rowkey:00ORD"))
        .withMessage(
            "q names the field 'rowkey', which is not searchable here; expected one of:"
                + " created_at, item_skus, status, total");
    assertThatIllegalArgumentException().isThrownBy(() -> check.check("widerow_deleted:true"));
    assertThatIllegalArgumentException().isThrownBy(() -> check.check("stat*:PAID"));
    assertThatIllegalArgumentException().isThrownBy(() -> check.check("items.sku:X"));
    assertThatIllegalArgumentException().isThrownBy(() -> check.check("_exists_:rowkey"));
    assertThatIllegalArgumentException().isThrownBy(() -> check.check("(a OR rowkey:x)"));
  }

  @Test
  void anyKeyUnderAJsonFieldMayBeNamed() {
    QueryStringCheck json = new QueryStringCheck(Set.of("status", "attributes.*"), false);
    assertThatCode(() -> json.check("attributes.channel:web AND attributes.device.os:ios"))
        .doesNotThrowAnyException();
    assertThatIllegalArgumentException().isThrownBy(() -> json.check("attributes:web"));
    assertThatIllegalArgumentException().isThrownBy(() -> json.check("attributesx.a:web"));
  }

  @Test
  void aLeadingWildcardIsRefusedUnlessAllowed() {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> check.check("status:*AID"))
        .withMessageContaining("the term '*AID' starts with a wildcard")
        .withMessageContaining("query.limits.leadingWildcards");
    assertThatIllegalArgumentException().isThrownBy(() -> check.check("?AID"));
    assertThatIllegalArgumentException().isThrownBy(() -> check.check("status:(NEW OR *ID)"));
    QueryStringCheck allowing = new QueryStringCheck(Set.of("status"), true);
    assertThatCode(() -> allowing.check("status:*AID")).doesNotThrowAnyException();
  }

  @Test
  void escapedAndQuotedTextIsNotReadAsAFieldOrWildcard() {
    assertThatCode(() -> check.check("\"rowkey:x *foo\"")).doesNotThrowAnyException();
    assertThatCode(() -> check.check("rowkey\\:x")).doesNotThrowAnyException();
    assertThatCode(() -> check.check("\\*foo")).doesNotThrowAnyException();
  }
}
