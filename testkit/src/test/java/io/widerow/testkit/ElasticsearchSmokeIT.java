package io.widerow.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.Refresh;
import co.elastic.clients.elasticsearch.core.SearchResponse;
import io.widerow.elasticsearch.ElasticsearchClients;
import io.widerow.stack.StackEndpoints;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(LocalStackExtension.class)
class ElasticsearchSmokeIT {

  private static final String INDEX = "smoke-it";

  @Test
  void indexedDocumentIsFound(StackEndpoints stack) throws Exception {
    ElasticsearchClient client =
        ElasticsearchClients.create(List.of(URI.create(stack.elasticsearchUrl())));
    try {
      if (client.indices().exists(e -> e.index(INDEX)).value()) {
        client.indices().delete(d -> d.index(INDEX));
      }
      client.index(
          i ->
              i.index(INDEX)
                  .id("order-1")
                  .document(Map.of("status", "PAID", "total", 42))
                  .refresh(Refresh.True));
      @SuppressWarnings("rawtypes")
      SearchResponse<Map> response =
          client.search(
              s -> s.index(INDEX).query(q -> q.term(t -> t.field("status.keyword").value("PAID"))),
              Map.class);
      assertThat(response.hits().hits()).hasSize(1);
      assertThat(response.hits().hits().get(0).id()).isEqualTo("order-1");
      client.indices().delete(d -> d.index(INDEX));
    } finally {
      client._transport().close();
    }
  }
}
