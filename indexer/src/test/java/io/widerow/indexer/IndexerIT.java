package io.widerow.indexer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.codahale.metrics.MetricRegistry;
import com.codahale.metrics.health.HealthCheckRegistry;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.widerow.core.document.IndexAction;
import io.widerow.core.index.IndexLayout;
import io.widerow.core.pipeline.ElasticsearchSpec;
import io.widerow.core.pipeline.Pipeline;
import io.widerow.core.pipeline.PipelineLoader;
import io.widerow.core.pipeline.QuerySpec;
import io.widerow.core.row.KeyMessage;
import io.widerow.core.row.RowWrite;
import io.widerow.core.row.SourceRow;
import io.widerow.core.row.WideRowStore;
import io.widerow.core.rowkey.RowKeyCodec;
import io.widerow.hbase.HBaseWideRowStore;
import io.widerow.indexer.elasticsearch.ElasticsearchDocumentIndex;
import io.widerow.kafka.KafkaClients;
import io.widerow.query.WideRowClient;
import io.widerow.runtime.admin.AdminServer;
import io.widerow.stack.StackEndpoints;
import io.widerow.testkit.EsRest;
import io.widerow.testkit.HBaseTables;
import io.widerow.testkit.LocalStackExtension;
import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The indexer against real Kafka, HBase and Elasticsearch: rows are written straight into HBase and
 * bumped, keys published, and the index checked through its alias, as a user would search it.
 */
@ExtendWith(LocalStackExtension.class)
class IndexerIT {

  private static final Duration DEADLINE = Duration.ofSeconds(60);
  private static final ObjectMapper JSON = new ObjectMapper();

  private static Pipeline pipeline;
  private static RowKeyCodec rowkeys;
  private static WideRowStore store;
  private static KafkaProducer<byte[], byte[]> producer;
  private static IndexerService indexer;
  private static AdminServer admin;
  private static int queryPort;
  private static WideRowClient queries;
  private static EsRest es;
  private static long sourceVersion = 1;

  @BeforeAll
  static void startIndexer(StackEndpoints stack) throws Exception {
    queryPort = freePort();
    // Served by the indexer, as the demo does; on a port of its own, apart from the admin port.
    pipeline = uniquePipeline(stack).withQuery(QuerySpec.loopback(queryPort));
    rowkeys = RowKeyCodec.of(pipeline.hbase());
    es = new EsRest(stack.elasticsearchUrl());
    HBaseTables.create(pipeline.hbase());
    store = HBaseWideRowStore.open(pipeline.hbase());
    producer = KafkaClients.producer(stack.kafkaBootstrap(), "indexer-it");
    MetricRegistry metrics = new MetricRegistry();
    admin = new AdminServer("127.0.0.1", 0, metrics, new HealthCheckRegistry());
    indexer = new IndexerService(pipeline, metrics, new HealthCheckRegistry(), admin);
    indexer.start();
    admin.start();
    queries = WideRowClient.open(pipeline);
  }

  @AfterAll
  static void stopIndexer() throws Exception {
    if (indexer != null) {
      indexer.stop();
    }
    if (admin != null) {
      admin.close();
    }
    for (AutoCloseable c : new AutoCloseable[] {queries, store, producer}) {
      if (c != null) {
        c.close();
      }
    }
    if (es != null) {
      es.deleteIndex(physicalIndex());
      es.deleteIndex(physicalIndex() + "-control");
    }
    HBaseTables.drop(pipeline.hbase());
  }

  @Test
  void documentHoldsTheConfiguredFieldsOfTheRow() throws Exception {
    String key = newKey();
    write(key, SourceRow.live("orders", null, next(), orderColumns(key, "paid")));
    write(key, SourceRow.live("order_payment", null, next(), Map.of("method", "card")));
    write(key, item("10", "SKU-B", 1, "3.50"));
    write(key, item("9", "SKU-A", 2, "1.25"));
    write(key, SourceRow.tombstone("order_item", "11", next()));
    long version = bumpAndPublish(key);

    JsonNode doc = awaitDocumentVersion(key, version);

    assertThat(doc.path("rowkey").asText()).isEqualTo(rowkeys.encode(key));
    assertThat(doc.path("order_id").asText()).isEqualTo(key);
    assertThat(doc.path("user_id").asLong()).isEqualTo(42);
    assertThat(doc.path("status").asText()).isEqualTo("paid");
    assertThat(doc.path("total").asDouble()).isEqualTo(19.9);
    assertThat(doc.path("created_at").asLong()).isEqualTo(1_700_000_000_000L);
    assertThat(doc.path("payment_method").asText()).isEqualTo("card");
    assertThat(texts(doc.path("item_skus"))).containsExactly("SKU-A", "SKU-B");
    assertThat(doc.path("items")).hasSize(2);
    assertThat(doc.path("items").get(0).path("quantity").asInt()).isEqualTo(2);
    assertThat(doc.path("items").get(1).path("price").asDouble()).isEqualTo(3.5);
    awaitSearchCount("order_id:" + key + " AND item_skus:\"SKU-A\" AND status:paid", 1);
    awaitSearchCount("order_id:" + key + " AND items.sku:\"SKU-B\" AND items.quantity:1", 1);
  }

  @Test
  void deleteOfTheRootRowRemovesTheEntityFromSearchAndGet() throws Exception {
    String key = newKey();
    write(key, SourceRow.live("orders", null, next(), orderColumns(key, "created")));
    bumpAndPublish(key);
    awaitSearchCount("order_id:" + key, 1);
    assertThat(queries.get(key)).isPresent();

    write(key, SourceRow.tombstone("orders", null, next()));
    bumpAndPublish(key);

    awaitSearchCount("order_id:" + key, 0);
    assertThat(queries.get(key)).isEmpty();
  }

  @Test
  void olderSourceVersionWrittenAfterANewerOneDoesNotChangeTheDocument() throws Exception {
    String key = newKey();
    long newer = next();
    write(key, SourceRow.live("orders", null, newer, orderColumns(key, "shipped")));
    bumpAndPublish(key);
    write(key, SourceRow.live("orders", null, newer - 1, orderColumns(key, "created")));
    long version = bumpAndPublish(key);

    JsonNode doc = awaitDocumentVersion(key, version);

    assertThat(doc.path("status").asText()).isEqualTo("shipped");
  }

  @Test
  void redeliveredOldKeyAndLateStaleDocumentDoNotRegressTheDocument() throws Exception {
    String key = newKey();
    write(key, SourceRow.live("orders", null, next(), orderColumns(key, "created")));
    long first = bumpAndPublish(key);
    awaitDocumentVersion(key, first);
    write(key, SourceRow.live("orders", null, next(), orderColumns(key, "paid")));
    long second = bumpAndPublish(key);
    awaitDocumentVersion(key, second);
    long conflictsBefore = indexer.metrics().conflicts();

    publish(key); // the same key again: same row, same version -> 409, a success
    await("409 for the replay")
        .atMost(DEADLINE)
        .until(() -> indexer.metrics().conflicts() > conflictsBefore);
    var stale = staleUpsert(key, first, "created");
    try (var index = openIndex()) {
      assertThat(index.write(List.of(stale)).superseded()).isEqualTo(1);
    }

    JsonNode doc = es.document(physicalIndex(), key);
    assertThat(doc.path("_version").asLong()).isEqualTo(second);
    assertThat(doc.path("_source").path("status").asText()).isEqualTo("paid");
  }

  @Test
  void lateIndexAfterGcDeletesDoesNotResurrectADeletedEntity() throws Exception {
    es.putSettings(physicalIndex(), "{\"index\":{\"gc_deletes\":\"0s\"}}");
    String key = newKey();
    write(key, SourceRow.live("orders", null, next(), orderColumns(key, "created")));
    long live = bumpAndPublish(key);
    awaitDocumentVersion(key, live);
    write(key, SourceRow.tombstone("orders", null, next()));
    long deleted = bumpAndPublish(key);
    awaitSearchCount("order_id:" + key, 0);
    es.refresh(physicalIndex()); // with gc_deletes 0s a real delete's version would now be gone

    try (var index = openIndex()) {
      assertThat(index.write(List.of(staleUpsert(key, live, "created"))).superseded()).isEqualTo(1);
    }

    es.refresh(physicalIndex());
    assertThat(es.count(IndexLayout.alias(pipeline.elasticsearch()), "order_id:" + key)).isZero();
    assertThat(es.document(physicalIndex(), key).path("_version").asLong()).isEqualTo(deleted);
  }

  @Test
  void realDeleteIsForgottenAfterGcDeletesWhichIsWhyDeletesAreTombstones() throws Exception {
    String control = physicalIndex() + "-control";
    es.put("/" + control, "{\"settings\":{\"index\":{\"gc_deletes\":\"0s\"}}}");
    es.put("/" + control + "/_doc/1?version=2&version_type=external", "{\"s\":\"live\"}");
    es.delete("/" + control + "/_doc/1?version=3&version_type=external");

    // The late version-1 index is refused only until the delete's version is pruned.
    await("a late lower version accepted after the delete was garbage-collected")
        .atMost(DEADLINE)
        .until(
            () -> {
              es.refresh(control);
              return es.tryPut("/" + control + "/_doc/1?version=1&version_type=external", "{}");
            },
            status -> status == 201);
  }

  @Test
  void valueTheMappingCannotHoldGoesToTheDeadLetterTopic() throws Exception {
    String badValue = newKey();
    Map<String, Object> columns = orderColumns(badValue, "paid");
    columns.put("user_id", "not a number");
    write(badValue, SourceRow.live("orders", null, next(), columns));
    bumpAndPublish(badValue);
    String immense = newKey();
    write(
        immense, SourceRow.live("orders", null, next(), orderColumns(immense, "x".repeat(40_000))));
    bumpAndPublish(immense);

    Map<String, String> stages = awaitDeadLetters(List.of(badValue, immense));

    assertThat(stages)
        .containsEntry(rowkeys.encode(badValue), "indexer.document")
        .containsEntry(rowkeys.encode(immense), "indexer.bulk");
  }

  @Test
  void httpEndpointsServeRowsAndSearches() throws Exception {
    String key = newKey();
    write(key, SourceRow.live("orders", null, next(), orderColumns(key, "paid")));
    write(key, item("1", "SKU-H", 1, "2.00"));
    bumpAndPublish(key);
    awaitSearchCount("order_id:" + key, 1);

    HttpResponse<String> row = http("/rows/" + key);
    HttpResponse<String> search = http("/search?q=order_id:" + key + "&size=5");
    HttpResponse<String> missing = http("/rows/no-such-key");
    HttpResponse<String> bad = http("/search?q=status:(unclosed");
    HttpResponse<String> freeText = http("/search?q=SKU-H");

    assertThat(row.statusCode()).isEqualTo(200);
    JsonNode rowJson = JSON.readTree(row.body());
    assertThat(rowJson.path("key").asText()).isEqualTo(key);
    assertThat(rowJson.path("tables").path("orders").path("status").asText()).isEqualTo("paid");
    assertThat(rowJson.path("tables").path("order_item").get(0).path("sku").asText())
        .isEqualTo("SKU-H");
    assertThat(search.statusCode()).isEqualTo(200);
    assertThat(JSON.readTree(search.body()).path("total").asLong()).isEqualTo(1);
    assertThat(JSON.readTree(search.body()).path("rows").get(0).path("key").asText())
        .isEqualTo(key);
    assertThat(freeText.statusCode()).isEqualTo(200);
    assertThat(JSON.readTree(freeText.body()).path("total").asLong()).isEqualTo(1);
    assertThat(missing.statusCode()).isEqualTo(404);
    assertThat(bad.statusCode()).isEqualTo(400);
    assertThat(JSON.readTree(bad.body()).path("error").path("message").asText())
        .contains("bad query");
    assertThat(JSON.readTree(bad.body()).path("error").path("code").asText())
        .isEqualTo("bad_query");
  }

  // ---- helpers ----

  private static Pipeline uniquePipeline(StackEndpoints stack) throws Exception {
    String yaml;
    try (InputStream in = IndexerIT.class.getResourceAsStream("/demo/orders.pipeline.yaml")) {
      yaml = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    Pipeline demo =
        PipelineLoader.parse(
            yaml,
            "demo/orders.pipeline.yaml",
            Map.of(
                "WIDEROW_KAFKA_BOOTSTRAP", stack.kafkaBootstrap(),
                "WIDEROW_HBASE_ZOOKEEPER", stack.hbaseZookeeperQuorum(),
                "WIDEROW_ELASTICSEARCH_URL", stack.elasticsearchUrl()));
    // Names of its own, so that runs never see each other's rows, keys, offsets or documents.
    String name = "idx_it_" + Long.toString(System.currentTimeMillis(), 36);
    ElasticsearchSpec es = demo.elasticsearch();
    return new Pipeline(
        name,
        demo.sources(),
        demo.tables(),
        demo.hbase().withTable("widerow_it", name, 4),
        demo.kafka().withTopics("it", 2),
        es.withIndex(name, 1, 0));
  }

  private static String physicalIndex() {
    return IndexLayout.physicalIndex(pipeline.elasticsearch(), IndexLayout.FIRST_GENERATION);
  }

  private static String newKey() {
    return Long.toString(ThreadLocalRandom.current().nextLong(1, Long.MAX_VALUE));
  }

  private static synchronized long next() {
    return ++sourceVersion;
  }

  private static Map<String, Object> orderColumns(String key, String status) {
    Map<String, Object> columns = new LinkedHashMap<>();
    columns.put("order_id", Long.parseLong(key));
    columns.put("user_id", 42L);
    columns.put("status", status);
    columns.put("total", "19.90");
    columns.put("currency", "EUR");
    columns.put("created_at", 1_700_000_000_000L);
    return columns;
  }

  private static SourceRow item(String itemId, String sku, int quantity, String price) {
    return SourceRow.live(
        "order_item",
        itemId,
        next(),
        Map.of(
            "item_id",
            Long.parseLong(itemId),
            "sku",
            sku,
            "quantity",
            (long) quantity,
            "price",
            price));
  }

  private static void write(String key, SourceRow row) throws Exception {
    store.write(List.of(new RowWrite(rowkeys.encode(key), row)));
  }

  /** What the merger does: bump m:v, then publish the key; returns the new version. */
  private static long bumpAndPublish(String key) throws Exception {
    long version = store.bumpVersions(List.of(rowkeys.encode(key))).get(rowkeys.encode(key));
    publish(key);
    return version;
  }

  private static void publish(String key) throws Exception {
    String rowkey = rowkeys.encode(key);
    producer
        .send(
            new ProducerRecord<>(
                pipeline.topics().keys(),
                rowkey.getBytes(StandardCharsets.UTF_8),
                new KeyMessage(rowkey, System.currentTimeMillis()).encodeValue()))
        .get();
  }

  private static IndexAction.Upsert staleUpsert(String key, long version, String status) {
    return new IndexAction.Upsert(
        key,
        rowkeys.encode(key),
        version,
        Map.of("rowkey", rowkeys.encode(key), "order_id", key, "status", status));
  }

  private static ElasticsearchDocumentIndex openIndex() {
    return ElasticsearchDocumentIndex.open(
        pipeline.elasticsearch(),
        io.widerow.core.retry.RetrySettings.DEFAULT,
        new com.codahale.metrics.Counter());
  }

  private static JsonNode awaitDocumentVersion(String key, long version) {
    return await("document " + key + " at version " + version)
        .atMost(DEADLINE)
        .until(
            () -> es.document(physicalIndex(), key),
            doc -> doc.path("_version").asLong() == version)
        .path("_source");
  }

  private static void awaitSearchCount(String query, long expected) throws Exception {
    String alias = IndexLayout.alias(pipeline.elasticsearch());
    await(expected + " hits for " + query)
        .atMost(DEADLINE)
        .until(() -> es.count(alias, query), count -> count == expected);
  }

  private static Map<String, String> awaitDeadLetters(List<String> keys) throws Exception {
    Map<String, String> stages = new LinkedHashMap<>();
    try (KafkaConsumer<byte[], byte[]> consumer =
        KafkaClients.consumer(
            pipeline.kafka().bootstrapServers(), pipeline.name() + "-dlq-reader", "it", 500)) {
      consumer.subscribe(List.of(pipeline.topics().dlq()));
      await("dead letters for " + keys)
          .atMost(DEADLINE)
          .pollInSameThread() // the consumer belongs to this thread
          .pollInterval(Duration.ofMillis(1)) // the poll itself waits up to 200 ms
          .until(
              () -> {
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                  stages.put(
                      new String(r.key(), StandardCharsets.UTF_8),
                      new String(
                          r.headers().lastHeader("widerow.stage").value(), StandardCharsets.UTF_8));
                }
                return keys.stream().allMatch(k -> stages.containsKey(rowkeys.encode(k)));
              });
    }
    return stages;
  }

  private static HttpResponse<String> http(String pathAndQuery) throws Exception {
    URI uri = URI.create("http://127.0.0.1:" + queryPort + "/v1/" + pipeline.name() + pathAndQuery);
    return HttpClient.newHttpClient()
        .send(HttpRequest.newBuilder(uri).GET().build(), HttpResponse.BodyHandlers.ofString());
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  private static List<String> texts(JsonNode array) {
    List<String> values = new ArrayList<>();
    array.forEach(v -> values.add(v.asText()));
    return values;
  }
}
