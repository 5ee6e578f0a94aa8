package io.widerow.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.widerow.core.index.SearchPage;
import io.widerow.core.pipeline.Pipeline;
import io.widerow.core.row.SourceRow;
import io.widerow.core.row.WideRow;
import io.widerow.local.LocalPipeline;
import io.widerow.query.WideRowClient;
import io.widerow.stack.PipelineFiles;
import io.widerow.stack.StackEndpoints;
import io.widerow.testkit.DemoPipelines;
import io.widerow.testkit.LocalStackExtension;
import io.widerow.workload.DemoSchema;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import org.awaitility.core.ConditionFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The whole pipeline on the real stack: rows written to sharded MariaDB tables end up, through
 * ingest, merger and indexer, as the HBase row and the Elasticsearch document the source implies.
 */
@ExtendWith(LocalStackExtension.class)
class PipelineIT {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration PATIENCE = Duration.ofSeconds(90);

  private static String name;
  private static DemoSchema schema;
  private static Pipeline pipeline;
  private static LocalPipeline services;
  private static WideRowClient client;
  private static Connection db;
  private static String esUrl;
  private static long nextOrderNo = 1;

  @BeforeAll
  static void start(StackEndpoints stack) throws Exception {
    name = DemoPipelines.uniqueName("e2e");
    schema = DemoPipelines.schema(name);
    pipeline = DemoPipelines.pipeline(stack, name);
    esUrl = stack.elasticsearchUrl();
    db =
        DriverManager.getConnection(
            stack.mariadbJdbcUrl(), stack.mariadbRootUser(), stack.mariadbRootPassword());
    schema.create(db);
    // Rows that exist before ingest starts arrive through Debezium's snapshot.
    insertOrder(0, "CREATED", 1);
    services = new LocalPipeline(pipeline, PipelineFiles.environment(stack)::get, 0);
    services.start();
    client = WideRowClient.open(pipeline);
  }

  @AfterAll
  static void stop() throws Exception {
    if (client != null) {
      client.close();
    }
    if (services != null) {
      services.close();
    }
    if (db != null) {
      schema.drop(db);
      db.close();
    }
  }

  @Test
  void rowsThatExistedBeforeIngestStartedAreSnapshottedAndIndexed() throws Exception {
    String key = DemoSchema.orderId(0);

    JsonNode doc = awaitDoc(key, d -> d.path("status").asText().equals("CREATED"));

    assertThat(doc.path("order_id").asText()).isEqualTo(key);
    assertThat(client.get(key)).isPresent();
  }

  @Test
  void orderLifeCycleOnEveryTableEndsEqualToTheSource() throws Exception {
    long no = nextOrderNo++;
    String key = DemoSchema.orderId(no);
    insertOrder(no, "CREATED", 1);
    insertItem(no, 11, "SKU-A", 1);
    insertItem(no, 12, "SKU-B", 1);
    exec(
        no,
        "INSERT INTO %s (payment_id, order_id, method, amount, status, version)"
            + " VALUES (?, ?, 'CARD', 20.00, 'CAPTURED', 1)",
        "order_payment",
        "PAY-" + key,
        key);
    updateOrder(no, "PAID", 2);
    exec(
        no,
        "INSERT INTO %s (fulfillment_id, order_id, carrier, tracking_no, status, version)"
            + " VALUES (?, ?, 'DHL', 'TRK1', 'IN_TRANSIT', 1)",
        "order_fulfillment",
        "FUL-" + key,
        key);
    updateOrder(no, "SHIPPED", 3);
    exec(
        no,
        "UPDATE %s SET status = 'DELIVERED', version = 2 WHERE fulfillment_id = ?",
        "order_fulfillment",
        "FUL-" + key);
    insertRefund(no, key + "-R1", "damaged in transit");
    insertRefund(no, key + "-R2", "wrong size");
    exec(no, "DELETE FROM %s WHERE refund_id = ?", "order_refund", key + "-R1");
    exec(no, "DELETE FROM %s WHERE item_id = ?", "order_item", 11L);
    insertItem(no, 13, "SKU-C", 1);
    exec(no, "UPDATE %s SET quantity = 5, version = 2 WHERE item_id = ?", "order_item", 12L);
    updateOrder(no, "REFUNDED", 4);

    JsonNode doc =
        awaitDoc(
            key,
            d ->
                d.path("status").asText().equals("REFUNDED")
                    && d.path("item_skus").size() == 2
                    && d.path("refund_reasons").size() == 1
                    && d.path("items").size() == 2
                    && d.path("items").get(0).path("quantity").asInt() == 5);

    assertThat(texts(doc.path("item_skus"))).containsExactly("SKU-B", "SKU-C");
    assertThat(texts(doc.path("refund_reasons"))).containsExactly("wrong size");
    assertThat(doc.path("payment_method").asText()).isEqualTo("CARD");
    assertThat(doc.path("paid_amount").asDouble()).isEqualTo(20.0);
    assertThat(doc.path("carrier").asText()).isEqualTo("DHL");
    assertThat(doc.path("shipping_status").asText()).isEqualTo("DELIVERED");
    WideRow row = client.get(key).orElseThrow();
    assertThat(row.one("orders").orElseThrow().version()).isEqualTo(4);
    assertThat(row.one("order_fulfillment").orElseThrow().version()).isEqualTo(2);
    assertThat(row.many("order_item"))
        .extracting(SourceRow::childKey, SourceRow::version)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("12", 2L),
            org.assertj.core.groups.Tuple.tuple("13", 1L));
    assertThat(row.many("order_item").get(0).columns()).containsEntry("quantity", 5L);
    assertThat(row.many("order_refund"))
        .extracting(SourceRow::childKey)
        .containsExactly(key + "-R2");
    assertThat(row.cells().get("order_item#11").deleted()).isTrue();
  }

  @Test
  void cancelledOrderDisappearsFromGetAndSearchAndStaysGone() throws Exception {
    long no = nextOrderNo++;
    String key = DemoSchema.orderId(no);
    insertOrder(no, "CREATED", 1);
    insertItem(no, 21, "SKU-X", 1);
    awaitDoc(key, d -> d.path("item_skus").size() == 1);

    exec(no, "DELETE FROM %s WHERE order_id = ?", "order_item", key);
    exec(no, "DELETE FROM %s WHERE order_id = ?", "orders", key);

    patiently("order " + key + " gone from get and search")
        .until(
            () ->
                client.get(key).isEmpty() && client.search("order_id:" + key, 0, 10).total() == 0);
    Optional<WideRow> gone = client.get(key);
    assertThat(gone).isEmpty();
    assertThat(client.search("item_skus:SKU-X AND order_id:" + key, 0, 10).rows()).isEmpty();
  }

  @Test
  void searchReturnsWholeRowsInTheOrderOfTheHits() throws Exception {
    long shipped = nextOrderNo++;
    long paid = nextOrderNo++;
    long created = nextOrderNo++;
    long userId = 777_000 + shipped;
    insertOrder(shipped, "SHIPPED", 1, userId);
    insertOrder(paid, "PAID", 1, userId);
    insertOrder(created, "CREATED", 1, userId);
    String query =
        "user_id:" + userId + " AND (status:SHIPPED^8 OR status:PAID^4 OR status:CREATED)";
    patiently("3 hits for " + query).until(() -> client.search(query, 0, 10).total(), n -> n == 3);

    SearchPage page = client.search(query, 0, 10);
    SearchPage second = client.search(query, 1, 1);

    assertThat(page.rows())
        .extracting(r -> r.one("orders").orElseThrow().columns().get("status"))
        .containsExactly("SHIPPED", "PAID", "CREATED");
    assertThat(page.rows())
        .extracting(client::keyOf)
        .containsExactly(
            DemoSchema.orderId(shipped), DemoSchema.orderId(paid), DemoSchema.orderId(created));
    assertThat(second.rows()).extracting(client::keyOf).containsExactly(DemoSchema.orderId(paid));
  }

  // ---- source writes ----

  private static void insertOrder(long no, String status, long version) throws SQLException {
    insertOrder(no, status, version, 1000 + no);
  }

  private static void insertOrder(long no, String status, long version, long userId)
      throws SQLException {
    exec(
        no,
        "INSERT INTO %s (order_id, user_id, status, total, currency, created_at, updated_at,"
            + " version) VALUES (?, ?, ?, 20.00, 'EUR', NOW(3), NOW(3), ?)",
        "orders",
        DemoSchema.orderId(no),
        userId,
        status,
        version);
  }

  private static void updateOrder(long no, String status, long version) throws SQLException {
    exec(
        no,
        "UPDATE %s SET status = ?, version = ?, updated_at = NOW(3) WHERE order_id = ?",
        "orders",
        status,
        version,
        DemoSchema.orderId(no));
  }

  private static void insertItem(long no, long itemId, String sku, long version)
      throws SQLException {
    exec(
        no,
        "INSERT INTO %s (item_id, order_id, sku, title, quantity, price, version)"
            + " VALUES (?, ?, ?, 'a red wool scarf', 1, 9.99, ?)",
        "order_item",
        itemId,
        DemoSchema.orderId(no),
        sku,
        version);
  }

  private static void insertRefund(long no, String refundId, String reason) throws SQLException {
    exec(
        no,
        "INSERT INTO %s (refund_id, order_id, amount, reason, status, version)"
            + " VALUES (?, ?, 5.00, ?, 'REFUNDED', 1)",
        "order_refund",
        refundId,
        DemoSchema.orderId(no),
        reason);
  }

  /** Runs {@code sql} on the shard of order {@code no}; {@code %s} is the sharded table. */
  private static void exec(long no, String sql, String table, Object... args) throws SQLException {
    try (PreparedStatement st =
        db.prepareStatement(sql.formatted(schema.shardedTable(no, table)))) {
      for (int i = 0; i < args.length; i++) {
        st.setObject(i + 1, args[i]);
      }
      st.executeUpdate();
    }
  }

  // ---- waiting and reading ----

  /** Waits up to {@link #PATIENCE}, and not a moment longer once a service failed. */
  private static ConditionFactory patiently(String what) {
    return await(what)
        .atMost(PATIENCE)
        .failFast(
            "a service failed",
            () -> {
              if (services.failure() != null) {
                throw new AssertionError("a service failed", services.failure());
              }
            });
  }

  private static JsonNode awaitDoc(String key, Predicate<JsonNode> done) {
    return patiently("document " + key + " as expected")
        .until(() -> esDoc(key), doc -> doc != null && done.test(doc));
  }

  /** The document's source, read by id through the alias; null while it does not exist. */
  private static JsonNode esDoc(String key) throws Exception {
    HttpResponse<String> r =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create(esUrl + "/" + name + "/_doc/" + key)).build(),
                HttpResponse.BodyHandlers.ofString());
    if (r.statusCode() == 404) {
      return null;
    }
    JsonNode body = JSON.readTree(r.body());
    return body.path("found").asBoolean() ? body.path("_source") : null;
  }

  private static List<String> texts(JsonNode array) {
    return java.util.stream.StreamSupport.stream(array.spliterator(), false)
        .map(JsonNode::asText)
        .toList();
  }
}
