package io.widerow.indexer.elasticsearch;

import static org.assertj.core.api.Assertions.assertThat;

import co.elastic.clients.elasticsearch._types.ElasticsearchException;
import co.elastic.clients.elasticsearch._types.ErrorCause;
import co.elastic.clients.elasticsearch._types.ErrorResponse;
import java.io.IOException;
import java.net.ConnectException;
import org.junit.jupiter.api.Test;

class BulkWriterTest {

  @Test
  void tooManyRequestsServerErrorsAndConnectionFailuresAreTransient() {
    assertThat(BulkWriter.isTransient(esError(429))).isTrue();
    assertThat(BulkWriter.isTransient(esError(503))).isTrue();
    assertThat(BulkWriter.isTransient(new ConnectException("refused"))).isTrue();
    assertThat(BulkWriter.isTransient(new IOException("reset"))).isTrue();
  }

  @Test
  void clientErrorsOfTheWholeRequestAreNotTransient() {
    assertThat(BulkWriter.isTransient(esError(400))).isFalse();
    assertThat(BulkWriter.isTransient(esError(404))).isFalse();
    assertThat(BulkWriter.isTransient(new IllegalStateException("bug"))).isFalse();
  }

  @Test
  void reasonLeavesOutTheValuePreviewElasticsearchAppends() {
    ErrorCause error =
        ErrorCause.of(
            e ->
                e.type("document_parsing_exception")
                    .reason(
                        "[1:87] failed to parse field [user_id] of type [long] in document with"
                            + " id '7'. Preview of field's value: 'jane@example.com'"));

    assertThat(BulkWriter.describe(error))
        .isEqualTo(
            "document_parsing_exception: [1:87] failed to parse field [user_id] of type [long] in"
                + " document with id '7'.")
        .doesNotContain("jane");
  }

  private static ElasticsearchException esError(int status) {
    return new ElasticsearchException(
        "bulk",
        ErrorResponse.of(r -> r.status(status).error(e -> e.type("some_exception").reason("r"))));
  }
}
