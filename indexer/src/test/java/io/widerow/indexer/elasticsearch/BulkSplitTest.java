package io.widerow.indexer.elasticsearch;

import static org.assertj.core.api.Assertions.assertThat;

import com.codahale.metrics.Counter;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.widerow.core.document.IndexAction;
import io.widerow.core.document.IndexAction.Upsert;
import io.widerow.core.retry.RetrySettings;
import io.widerow.elasticsearch.ElasticsearchClients;
import io.widerow.indexer.BulkOutcome;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The bulk writer against a stand-in for Elasticsearch's HTTP layer that refuses a request body
 * above a limit with 413 and an empty body, as Elasticsearch does above {@code
 * http.max_content_length}: the real client's answer to it, not a mock of the client.
 */
class BulkSplitTest {

  private static final int LIMIT = 4_000;

  private final List<Integer> bulkSizes = new CopyOnWriteArrayList<>();
  private final HttpServer server = start();

  @AfterEach
  void stop() {
    server.stop(0);
  }

  @Test
  void aBulkRefusedAsTooLargeIsSentInHalvesUntilEachFits() throws Exception {
    List<IndexAction> actions = new ArrayList<>();
    for (int i = 0; i < 16; i++) {
      actions.add(doc(String.valueOf(i), 600));
    }

    BulkOutcome outcome = writer().write(actions);

    assertThat(outcome.indexed()).isEqualTo(16);
    assertThat(outcome.rejected()).isEmpty();
    assertThat(bulkSizes.get(0)).isEqualTo(-16);
    assertThat(bulkSizes.stream().filter(n -> n > 0).mapToInt(Integer::intValue).sum())
        .isEqualTo(16);
  }

  @Test
  void aDocumentTooLargeAloneIsARecordErrorAndTheRestIsIndexed() throws Exception {
    BulkOutcome outcome =
        writer().write(List.of(doc("small", 100), doc("huge", 10_000), doc("other", 100)));

    assertThat(outcome.indexed()).isEqualTo(2);
    assertThat(outcome.rejected())
        .singleElement()
        .satisfies(
            r -> {
              assertThat(r.rowkey()).isEqualTo("00:huge");
              assertThat(r.reason())
                  .isEqualTo(
                      "413 the document alone is larger than Elasticsearch accepts in one request"
                          + " (http.max_content_length)");
            });
  }

  private BulkWriter writer() {
    return new BulkWriter(
        ElasticsearchClients.create(
            List.of(URI.create("http://127.0.0.1:" + server.getAddress().getPort()))),
        "orders",
        new RetrySettings(Duration.ofMillis(1), Duration.ofMillis(2), Duration.ofSeconds(2), 0),
        new Counter());
  }

  private static IndexAction doc(String id, int chars) {
    return new Upsert(id, "00:" + id, 1, Map.of("note", "x".repeat(chars)));
  }

  private HttpServer start() {
    try {
      HttpServer http = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
      http.createContext("/", this::bulk);
      http.start();
      return http;
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private void bulk(HttpExchange exchange) throws IOException {
    try (exchange) {
      byte[] body = exchange.getRequestBody().readAllBytes();
      String[] lines = new String(body, StandardCharsets.UTF_8).split("\n");
      int actions = lines.length / 2;
      exchange.getResponseHeaders().set("X-Elastic-Product", "Elasticsearch");
      if (body.length > LIMIT) {
        bulkSizes.add(-actions);
        exchange.sendResponseHeaders(413, -1);
        return;
      }
      bulkSizes.add(actions);
      StringBuilder items = new StringBuilder();
      for (int i = 0; i < actions; i++) {
        items
            .append(i == 0 ? "" : ",")
            .append("{\"index\":{\"_index\":\"orders-1\",\"_id\":\"")
            .append(i)
            .append("\",\"_version\":1,\"result\":\"created\",\"status\":201,")
            .append("\"_shards\":{\"total\":1,\"successful\":1,\"failed\":0},")
            .append("\"_seq_no\":0,\"_primary_term\":1}}");
      }
      byte[] answer =
          ("{\"took\":1,\"errors\":false,\"items\":[" + items + "]}")
              .getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().set("Content-Type", "application/json");
      exchange.sendResponseHeaders(200, answer.length);
      exchange.getResponseBody().write(answer);
    }
  }
}
