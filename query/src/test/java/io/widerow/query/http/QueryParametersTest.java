package io.widerow.query.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class QueryParametersTest {

  @Test
  void valuesAreUrlDecodedAndARepeatedNameKeepsEveryValue() {
    QueryParameters params =
        QueryParameters.parse("q=status%3Apaid+AND+user_id%3A42&from=10&keys=a,b&keys=c");
    assertThat(params.first("q")).isEqualTo("status:paid AND user_id:42");
    assertThat(params.integer("from", 0)).isEqualTo(10);
    assertThat(params.all("keys")).containsExactly("a,b", "c");
    assertThat(params.first("size")).isNull();
    assertThat(params.integer("size", 7)).isEqualTo(7);
  }

  @Test
  void noQueryMeansNoParameters() {
    assertThat(QueryParameters.parse(null).names()).isEmpty();
    assertThat(QueryParameters.parse("flag").first("flag")).isEmpty();
  }

  @Test
  void badValuesAndUnknownNamesAreBadRequests() {
    assertThatThrownBy(() -> QueryParameters.parse("size=ten").integer("size", 10))
        .isInstanceOf(ApiException.class)
        .hasMessage("size: 'ten' is not a whole number");
    assertThatThrownBy(() -> QueryParameters.parse("rows=no").bool("rows", true))
        .hasMessage("rows: 'no' is not valid; expected true or false");
    assertThatThrownBy(() -> QueryParameters.parse("sise=10").allowOnly(List.of("q", "size")))
        .hasMessage("unknown parameter 'sise'; expected one of: q, size");
  }
}
