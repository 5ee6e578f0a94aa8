package io.widerow.query.http;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class QueryEndpointsTest {

  @Test
  void queryParametersAreUrlDecodedAndTheFirstOfARepeatedNameWins() {
    assertThat(QueryEndpoints.queryParameters("q=status%3Apaid+AND+user_id%3A42&from=10&q=x"))
        .containsEntry("q", "status:paid AND user_id:42")
        .containsEntry("from", "10")
        .hasSize(2);
  }

  @Test
  void missingQueryMeansNoParameters() {
    assertThat(QueryEndpoints.queryParameters(null)).isEmpty();
    assertThat(QueryEndpoints.queryParameters("flag")).containsEntry("flag", "");
  }
}
