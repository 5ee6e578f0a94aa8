package io.widerow.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.widerow.core.pipeline.Pipeline;
import io.widerow.core.pipeline.PipelineLoader;
import io.widerow.local.LocalPipeline;
import io.widerow.stack.StackEndpoints;
import io.widerow.testkit.BadInputFixture;
import io.widerow.testkit.LocalStackExtension;
import io.widerow.testkit.PipelineIdle;
import io.widerow.verify.VerifyCommand;
import io.widerow.workload.DemoSchema;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * Derived fields and mapping options on the real stack, over the demo's order schema: each kind is
 * searched, sorted on or aggregated in Elasticsearch, a JSON object that cannot be mapped is a dead
 * letter with its reason, and {@code widerow verify} (which builds every document again from the
 * source's rows) finds no difference. {@code scaled_float} and the {@code cjk} analyzer are left
 * out: the minimal Elasticsearch distribution the stack runs lacks both (see README).
 */
@ExtendWith(LocalStackExtension.class)
class DerivedFieldsIT {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  private static final String FIELDS =
      """
      order_id: {from: orders.order_id, type: keyword, copyTo: [search_all]}
      status: {from: orders.status, type: keyword, normalizer: lower}
      user_id: {from: orders.user_id, type: long, docValues: false}
      created_at: {from: orders.created_at, type: date, format: 'yyyy-MM-dd HH:mm'}
      attributes: {from: orders.attributes, type: flattened}
      attributes_obj: {from: orders.attributes, type: object}
      payment_method: {from: order_payment.method, type: keyword, default: NONE}
      carrier: {from: order_fulfillment.carrier, type: keyword, nullValue: NO_CARRIER}
      tracking_no: {from: order_fulfillment.tracking_no, type: keyword, index: false}
      paid_amount: {sum: order_payment.amount, where: {status: CAPTURED}, type: double, empty: zero}
      item_count: {count: order_item, type: integer}
      item_qty_total: {sum: order_item.quantity, type: long, empty: zero}
      items_total: {sum: order_item.quantity, times: price, type: double, empty: zero}
      min_price: {min: order_item.price, type: double}
      max_price: {max: order_item.price, type: double}
      first_sku: {first: order_item.sku, by: item_id, type: keyword}
      last_sku: {last: order_item.sku, by: item_id, type: keyword}
      refund_count: {count: order_refund, where: {status: REFUNDED}, type: integer}
      refunded_total: {sum: order_refund.amount, where: {status: REFUNDED}, type: double}
      item_titles:
        from: order_item.title
        type: text
        analyzer: folded
        copyTo: [search_all]
        subfields: {raw: {type: keyword}}
      search_all: {type: text}""";

  @Test
  void eachDerivedKindAndMappingOptionIsSearchableSortableAndVerified(
      StackEndpoints stack, @TempDir Path dir) throws Exception {
    BadInputFixture it = new BadInputFixture(stack, "derived");
    DemoSchema schema = new DemoSchema(it.name);
    schema.create(stack.mariadbJdbcUrl(), stack.mariadbRootUser(), stack.mariadbRootPassword());
    String yaml = yaml(stack, it);
    Pipeline pipeline = PipelineLoader.parse(yaml, it.name, it.environment());
    Path file = it.file(yaml, dir);
    String index = pipeline.elasticsearch().index();
    String a = DemoSchema.orderId(1);
    String b = DemoSchema.orderId(2);
    String c = DemoSchema.orderId(3);
    String bad = DemoSchema.orderId(4);
    try (LocalPipeline services = new LocalPipeline(pipeline, it.environment()::get, 0);
        PipelineIdle idle = new PipelineIdle(pipeline);
        KafkaConsumer<byte[], byte[]> dlq = it.consumer("widerow_it." + it.name + ".dlq")) {
      services.start();
      // A: two items (2 x 19.90 + 1 x 5.05), captured payment, shipped, one refund done and one
      // pending. B: one item, nothing else. C: an item added and removed. The bad order's JSON
      // has a value and an object at one path, which no object mapping can hold.
      it.sql(
          order(schema, 1, "{\"channel\":\"web\",\"gift\":true,\"device\":{\"os\":\"ios\"}}"),
          item(schema, 1, 11, "SKU-B", "The Red Wool Scarf", 2, "19.90"),
          item(schema, 1, 12, "SKU-A", "White Mug", 1, "5.05"),
          "INSERT INTO "
              + schema.shardedTable(1, "order_payment")
              + " VALUES ('PAY-1', '"
              + a
              + "', 'CARD', 44.85, 'CAPTURED', NULL, 1)",
          "INSERT INTO "
              + schema.shardedTable(1, "order_fulfillment")
              + " VALUES ('FUL-1', '"
              + a
              + "', 'DHL', 'TRK1', 'IN_TRANSIT', NULL, 1)",
          refund(schema, 1, "REF-1", "10.00", "REFUNDED"),
          refund(schema, 1, "REF-2", "3.00", "PENDING"),
          order(schema, 2, "{\"channel\":\"app\"}"),
          item(schema, 2, 21, "SKU-C", "Black Leather Boots", 3, "100.00"),
          order(schema, 3, null),
          item(schema, 3, 31, "SKU-D", "Green Rain Jacket", 1, "50.00"),
          "DELETE FROM " + schema.shardedTable(3, "order_item") + " WHERE item_id = 31",
          order(schema, 4, "{\"a\":1,\"a.b\":2}"));
      // Idle alone may pass before ingest has read the binlog: wait for the last rows' effect.
      awaitDocument(services, index, a, d -> d.path("refund_count").asInt() == 1);
      awaitDocument(services, index, c, d -> d.has("item_count") && !d.has("first_sku"));
      awaitIdle(services, idle);
      es("POST", "/" + index + "/_refresh", null);

      JsonNode docA = es("GET", "/" + index + "/_doc/" + a, null).path("_source");
      assertThat(docA.path("item_count").asInt()).isEqualTo(2);
      assertThat(docA.path("item_qty_total").asLong()).isEqualTo(3);
      assertThat(docA.path("items_total").decimalValue()).isEqualByComparingTo("44.85");
      assertThat(docA.path("paid_amount").decimalValue()).isEqualByComparingTo("44.85");
      assertThat(docA.path("min_price").decimalValue()).isEqualByComparingTo("5.05");
      assertThat(docA.path("max_price").decimalValue()).isEqualByComparingTo("19.90");
      assertThat(docA.path("first_sku").asText()).isEqualTo("SKU-B");
      assertThat(docA.path("last_sku").asText()).isEqualTo("SKU-A");
      assertThat(docA.path("refund_count").asInt()).isEqualTo(1);
      assertThat(docA.path("refunded_total").decimalValue()).isEqualByComparingTo("10.00");
      assertThat(docA.path("attributes").path("device").path("os").asText()).isEqualTo("ios");
      JsonNode docB = es("GET", "/" + index + "/_doc/" + b, null).path("_source");
      assertThat(docB.path("payment_method").asText()).isEqualTo("NONE");
      assertThat(docB.path("paid_amount").decimalValue()).isEqualByComparingTo("0");
      assertThat(docB.has("refunded_total")).as("an empty sum is null by default").isFalse();
      assertThat(docB.path("refund_count").asInt()).isZero();
      JsonNode docC = es("GET", "/" + index + "/_doc/" + c, null).path("_source");
      assertThat(docC.path("item_count").asInt()).isZero();
      assertThat(docC.path("items_total").decimalValue()).isEqualByComparingTo("0");
      assertThat(docC.has("min_price")).isFalse();
      assertThat(docC.has("first_sku")).isFalse();

      // Searches on derived fields, options and JSON keys.
      assertThat(ids(index, "item_count:>1")).containsExactly(a);
      assertThat(ids(index, "refunded_total:>5")).containsExactly(a);
      assertThat(ids(index, "items_total:[300 TO 300]")).containsExactly(b);
      assertThat(ids(index, "attributes.channel:web")).containsExactly(a);
      assertThat(ids(index, "attributes_obj.device.os:ios")).containsExactly(a);
      assertThat(ids(index, "search_all:scarf")).containsExactly(a);
      assertThat(ids(index, "search_all:\"" + b + "\"")).containsExactly(b);
      assertThat(ids(index, "item_titles:the")).as("stop words are dropped").isEmpty();
      assertThat(ids(index, "item_titles:RED")).containsExactly(a);
      assertThat(ids(index, "item_titles.raw:\"White Mug\"")).containsExactly(a);
      assertThat(ids(index, "status:created")).containsExactlyInAnyOrder(a, b, c);
      assertThat(ids(index, "carrier:NO_CARRIER")).containsExactlyInAnyOrder(b, c);
      assertThat(ids(index, "payment_method:NONE")).containsExactlyInAnyOrder(b, c);
      assertThat(ids(index, "created_at:[\"2024-05-01 00:00\" TO \"2024-05-01 23:59\"]"))
          .containsExactlyInAnyOrder(a, b, c);

      // Sorting and aggregations on derived and sub-fields.
      assertThat(sorted(index, "paid_amount", "desc")).startsWith(a).hasSize(3);
      assertThat(sorted(index, "items_total", "desc")).containsExactly(b, a, c);
      assertThat(sorted(index, "item_titles.raw", "asc")).startsWith(b, a);
      JsonNode aggs =
          es(
                  "POST",
                  "/" + index + "/_search",
                  """
                  {"size": 0, "aggs": {
                    "revenue": {"sum": {"field": "items_total"}},
                    "refunds": {"sum": {"field": "refund_count"}},
                    "channels": {"terms": {"field": "attributes.channel"}},
                    "titles": {"terms": {"field": "item_titles.raw"}}}}""")
              .path("aggregations");
      assertThat(aggs.path("revenue").path("value").asDouble()).isCloseTo(344.85, within(1e-6));
      assertThat(aggs.path("refunds").path("value").asDouble()).isEqualTo(1);
      assertThat(aggs.path("channels").path("buckets")).hasSize(2);
      assertThat(aggs.path("titles").path("buckets")).hasSize(3);

      // index: false and doc_values: false reach the mapping.
      JsonNode mapping =
          es("GET", "/" + index + "/_mapping", null).elements().next().path("mappings");
      assertThat(mapping.path("properties").path("tracking_no").path("index").asBoolean(true))
          .isFalse();
      assertThat(mapping.path("properties").path("user_id").path("doc_values").asBoolean(true))
          .isFalse();

      // The order whose JSON conflicts is set aside with the reason, and is not indexed.
      List<String> reasons = new ArrayList<>();
      BadInputFixture.awaitRecords(
          dlq,
          "the dead letter of " + bad,
          () -> failIfFailed(services),
          records -> {
            reasons.clear();
            records.forEach(r -> reasons.add(BadInputFixture.header(r, "widerow.reason")));
            return !reasons.isEmpty();
          });
      assertThat(reasons.get(0))
          .contains("attributes_obj")
          .contains("a value and an object at one path");
      assertThat(es("GET", "/" + index + "/_doc/" + bad, null).path("found").asBoolean()).isFalse();

      // A deleted order leaves the index; verify builds every document from the source again.
      it.sql("DELETE FROM " + schema.shardedTable(3, "orders") + " WHERE order_id = '" + c + "'");
      awaitDocument(services, index, c, d -> d.path("widerow_deleted").asBoolean());
      awaitIdle(services, idle);
      // Searches see the tombstone only after a refresh; before it they see the live document.
      es("POST", "/" + index + "/_refresh", null);
      assertThat(ids(index, "item_count:0")).as("the alias hides the tombstone").isEmpty();
      String report = verify(it, file, List.of(a, b, c));
      assertThat(report).contains("entities=3 differences=0");
    }
  }

  private static String order(DemoSchema schema, long no, String attributes) {
    return "INSERT INTO "
        + schema.shardedTable(no, "orders")
        + " (order_id, user_id, status, total, currency, created_at, updated_at, attributes,"
        + " version) VALUES ('"
        + DemoSchema.orderId(no)
        + "', "
        + no
        + ", 'CREATED', 10.00, 'EUR', '2024-05-01 10:00:00', '2024-05-01 10:00:00', "
        + (attributes == null ? "NULL" : "'" + attributes + "'")
        + ", 1)";
  }

  private static String item(
      DemoSchema schema, long no, long id, String sku, String title, int qty, String price) {
    return "INSERT INTO "
        + schema.shardedTable(no, "order_item")
        + " VALUES ("
        + id
        + ", '"
        + DemoSchema.orderId(no)
        + "', '"
        + sku
        + "', '"
        + title
        + "', "
        + qty
        + ", "
        + price
        + ", 1)";
  }

  private static String refund(
      DemoSchema schema, long no, String id, String amount, String status) {
    return "INSERT INTO "
        + schema.shardedTable(no, "order_refund")
        + " VALUES ('"
        + id
        + "', '"
        + DemoSchema.orderId(no)
        + "', "
        + amount
        + ", 'wrong size', '"
        + status
        + "', NULL, 1)";
  }

  private static void awaitIdle(LocalPipeline services, PipelineIdle idle) {
    await("pipeline idle")
        .atMost(BadInputFixture.WAIT)
        .failFast("the pipeline failed", () -> failIfFailed(services))
        .until(idle::isIdle);
  }

  private static void awaitDocument(
      LocalPipeline services,
      String index,
      String id,
      java.util.function.Predicate<JsonNode> done) {
    await("document " + id)
        .atMost(BadInputFixture.WAIT)
        .failFast("the pipeline failed", () -> failIfFailed(services))
        .until(
            () -> es("GET", "/" + index + "/_doc/" + id, null),
            d -> d.path("found").asBoolean() && done.test(d.path("_source")));
  }

  private static void failIfFailed(LocalPipeline services) {
    if (services.failure() != null) {
      throw new IllegalStateException("the pipeline failed", services.failure());
    }
  }

  private static List<String> ids(String index, String q) throws Exception {
    String body =
        JSON.writeValueAsString(
            java.util.Map.of(
                "size",
                20,
                "query",
                java.util.Map.of("query_string", java.util.Map.of("query", q))));
    return hitIds(es("POST", "/" + index + "/_search", body));
  }

  private static List<String> sorted(String index, String field, String order) throws Exception {
    String body = "{\"size\": 20, \"sort\": [{\"" + field + "\": {\"order\": \"" + order + "\"}}]}";
    return hitIds(es("POST", "/" + index + "/_search", body));
  }

  private static List<String> hitIds(JsonNode response) {
    List<String> ids = new ArrayList<>();
    response.path("hits").path("hits").forEach(h -> ids.add(h.path("_id").asText()));
    return ids;
  }

  private static String baseUrl;

  private static JsonNode es(String method, String path, String body) throws Exception {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(baseUrl + path))
            .header("Content-Type", "application/json")
            .method(method, body == null ? BodyPublishers.noBody() : BodyPublishers.ofString(body))
            .build();
    String response = HTTP.send(request, BodyHandlers.ofString()).body();
    return JSON.readTree(response);
  }

  private static String verify(BadInputFixture it, Path file, List<String> keys) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cli = new CommandLine(new VerifyCommand(it.environment()));
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    int exit = cli.execute("--pipeline", file.toString(), "--keys", String.join(",", keys));
    System.out.println("verify -> " + exit + "\n" + out + err);
    assertThat(exit).as(out + "\n" + err).isZero();
    return out.toString();
  }

  private static String yaml(StackEndpoints stack, BadInputFixture it) {
    baseUrl = stack.elasticsearchUrl();
    String tables = it.name + "_\\\\d+\\\\.";
    return """
        pipeline: %1$s
        sources:
          - name: src
            connector: mariadb
            host: %2$s
            port: %3$d
            user: %4$s
            passwordEnv: WIDEROW_BAD_INPUT_PASSWORD
            serverId: %5$d
            databases: [%1$s_0, %1$s_1]
        tables:
          orders: {physical: '%6$sorders_\\d+', key: order_id, primaryKey: [order_id], cardinality: one, root: true, version: {column: version}}
          order_payment: {physical: '%6$sorder_payment_\\d+', key: order_id, primaryKey: [payment_id], cardinality: one, version: {column: version}}
          order_fulfillment: {physical: '%6$sorder_fulfillment_\\d+', key: order_id, primaryKey: [fulfillment_id], cardinality: one, version: {column: version}}
          order_refund: {physical: '%6$sorder_refund_\\d+', key: order_id, primaryKey: [refund_id], cardinality: many, version: {column: version}}
          order_item: {physical: '%6$sorder_item_\\d+', key: order_id, primaryKey: [item_id], cardinality: many, version: {column: version}}
        hbase: {zookeeper: '%7$s', namespace: widerow_it, table: %1$s, saltBuckets: 2}
        kafka:
          bootstrap: '%8$s'
          topicPrefix: widerow_it
          partitions: 1
          topics:   # the local stack has one broker
            changes: {replicationFactor: 1, minInsyncReplicas: 1}
            keys: {replicationFactor: 1, minInsyncReplicas: 1}
            deadLetters: {replicationFactor: 1, minInsyncReplicas: 1}
        elasticsearch:
          hosts: ['%9$s']
          index: %1$s
          shards: 1
          replicas: 0
          analysis:
            analyzers:
              folded: {tokenizer: standard, filters: [lowercase, stop]}
            normalizers:
              lower: {filters: [lowercase]}
          fields:
        %10$s
        """
        .formatted(
            it.name,
            stack.mariadbHost(),
            stack.mariadbPort(),
            stack.cdcUser(),
            20_000 + ThreadLocalRandom.current().nextInt(1_000_000),
            tables.replace("\\\\", "\\"),
            stack.hbaseZookeeperQuorum(),
            stack.kafkaBootstrap(),
            stack.elasticsearchUrl(),
            FIELDS.indent(4).stripTrailing());
  }
}
