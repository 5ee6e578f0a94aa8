package io.widerow.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.widerow.cli.Widerow;
import io.widerow.core.row.WideRowStore;
import io.widerow.core.rowkey.RowKeyCodec;
import io.widerow.hbase.HBaseWideRowStore;
import io.widerow.stack.StackEndpoints;
import io.widerow.testkit.LocalStackExtension;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code GET /v1/{pipeline}/explain/{key}} and {@code widerow explain KEY} on a running pipeline:
 * each cell with the source table, primary key, position, commit time and change that wrote it, the
 * tombstone of a deleted child, m:v equal to the document's _version; and, with the indexer
 * stopped, an index behind by the bumps it missed with the keys waiting for it.
 */
@ExtendWith(LocalStackExtension.class)
class ExplainIT {

  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void explainShowsWhatWroteEachCellAndWhetherTheIndexAgrees(
      StackEndpoints stack, @TempDir Path dir) throws Exception {
    try (ShardedOrdersPipeline it = new ShardedOrdersPipeline(stack, "explain", dir)) {
      String orders = it.db0 + ".orders_0";
      String items = it.db0 + ".order_item_0";
      it.sql.sql(
          "INSERT INTO " + orders + " VALUES (1, 1, 'NEW', 9.50, 1, 'n')",
          "INSERT INTO " + items + " VALUES (11, 1, 'SKU-11', 1), (12, 1, 'SKU-12', 1)",
          "UPDATE " + orders + " SET version = 2, status = 'PAID' WHERE order_id = 1",
          "DELETE FROM " + items + " WHERE item_id = 12");
      it.awaitDocument(
          "1",
          d ->
              "PAID".equals(d.path("_source").path("status").asText())
                  && d.path("_source").path("skus").size() == 1);
      it.awaitCaughtUp(orders, 1);

      int port = it.services.service("indexer").admin().port();
      JsonNode e = get("http://127.0.0.1:" + port + "/v1/" + it.pipeline.name() + "/explain/1");

      assertThat(e.path("exists").asBoolean()).isTrue();
      assertThat(e.path("rowVersion").asLong()).isPositive();
      assertThat(e.path("document").path("version").asLong())
          .isEqualTo(e.path("rowVersion").asLong());
      assertThat(e.path("index").path("state").asText()).isEqualTo("current");
      assertThat(e.path("index").path("agrees").asBoolean()).isTrue();
      Map<String, JsonNode> cells = byQualifier(e.path("cells"));
      assertThat(cells).containsOnlyKeys("orders", "order_item#11", "order_item#12");
      JsonNode order = cells.get("orders");
      assertThat(order.path("version").asLong()).isEqualTo(3); // the marker update's version
      assertThat(order.path("tombstone").asBoolean()).isFalse();
      assertThat(order.path("origin").path("physicalTable").asText()).isEqualTo(orders);
      assertThat(order.path("origin").path("primaryKey").asText()).isEqualTo("1");
      assertThat(order.path("origin").path("change").asText()).isEqualTo("update");
      assertThat(order.path("origin").path("position").asText()).matches("\\d+:\\d+#\\d+");
      assertThat(order.path("origin").path("commitTsMs").asLong())
          .isBetween(System.currentTimeMillis() - 600_000, System.currentTimeMillis());
      JsonNode deleted = cells.get("order_item#12");
      assertThat(deleted.path("tombstone").asBoolean()).isTrue();
      assertThat(deleted.path("version").asLong()).isEqualTo(2); // the delete: before.version + 1
      assertThat(deleted.path("origin").path("change").asText()).isEqualTo("delete");
      assertThat(deleted.path("origin").path("physicalTable").asText()).isEqualTo(items);
      assertThat(cells.get("order_item#11").path("origin").path("change").asText())
          .isEqualTo("insert");
      assertThat(e.path("index").path("backlog"))
          .extracting(b -> b.path("stage").asText() + " " + b.path("waiting").asLong())
          .containsExactly("merger 0", "indexer 0");

      Run text = explain(it, "1");
      assertThat(text.exit()).isZero();
      assertThat(text.out())
          .contains("d:order_item#12")
          .contains("tombstone")
          .contains("src:" + items + " pk=12 delete at binlog ")
          .contains("current: the document was built from the row as it is");

      // The indexer stops; a change still reaches HBase and m:v, and waits on the keys topic.
      it.services.service("indexer").service().stop();
      long before = e.path("rowVersion").asLong();
      it.sql.sql("UPDATE " + orders + " SET version = 4, status = 'SHIPPED' WHERE order_id = 1");
      awaitRowVersion(it, "1", before + 1);

      Run behind = explain(it, "1", "--json");
      assertThat(behind.exit()).isEqualTo(1);
      JsonNode b = JSON.readTree(behind.out());
      assertThat(b.path("index").path("state").asText()).isEqualTo("behind");
      assertThat(b.path("index").path("behindBy").asLong()).isEqualTo(1);
      assertThat(b.path("index").path("backlog").get(1).path("waiting").asLong()).isPositive();
      assertThat(b.path("verdict").asText()).startsWith("the index is 1 version(s) behind");

      assertThat(explain(it, "no-such-order").exit()).isEqualTo(4);
    }
  }

  private static JsonNode get(String url) throws Exception {
    HttpResponse<String> response =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create(url)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return JSON.readTree(response.body());
  }

  private static Map<String, JsonNode> byQualifier(JsonNode cells) {
    return StreamSupport.stream(cells.spliterator(), false)
        .collect(
            java.util.stream.Collectors.toMap(
                c -> c.path("qualifier").asText(), Function.identity()));
  }

  private static void awaitRowVersion(ShardedOrdersPipeline it, String key, long atLeast)
      throws Exception {
    String rowkey = RowKeyCodec.of(it.pipeline.hbase()).encode(key);
    try (WideRowStore hbase = HBaseWideRowStore.open(it.pipeline.hbase())) {
      await("m:v of " + key + " at least " + atLeast)
          .atMost(ShardedOrdersPipeline.WAIT)
          .until(() -> hbase.read(List.of(rowkey)).get(0).version() >= atLeast);
    }
  }

  private record Run(int exit, String out) {}

  private static Run explain(ShardedOrdersPipeline it, String key, String... extra) {
    StringWriter out = new StringWriter();
    CommandLine cli = Widerow.commandLine();
    cli.setOut(new PrintWriter(out, true));
    List<String> args = new ArrayList<>(List.of("explain", key, "--pipeline", it.file.toString()));
    args.addAll(List.of(extra));
    int exit = cli.execute(args.toArray(String[]::new));
    System.out.println("explain " + args + " -> " + exit + "\n" + out);
    return new Run(exit, out.toString());
  }
}
