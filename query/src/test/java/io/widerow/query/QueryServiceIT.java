package io.widerow.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.awaitility.Awaitility.await;

import com.codahale.metrics.Gauge;
import com.codahale.metrics.MetricRegistry;
import com.codahale.metrics.health.HealthCheckRegistry;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.widerow.core.index.SearchIndex;
import io.widerow.core.index.SearchIndex.SearchQuery;
import io.widerow.core.pipeline.Pipeline;
import io.widerow.core.pipeline.QuerySpec;
import io.widerow.core.row.RowWrite;
import io.widerow.core.row.SourceRow;
import io.widerow.core.row.WideRowStore;
import io.widerow.core.rowkey.RowKeyCodec;
import io.widerow.elasticsearch.ElasticsearchSearchIndex;
import io.widerow.hbase.HBaseWideRowStore;
import io.widerow.query.auth.BearerTokens;
import io.widerow.query.auth.TokenTable;
import io.widerow.query.http.QueryServer;
import io.widerow.runtime.admin.AdminServer;
import io.widerow.stack.StackEndpoints;
import io.widerow.testkit.DemoPipelines;
import io.widerow.testkit.EsRest;
import io.widerow.testkit.HBaseTables;
import io.widerow.testkit.LocalStackExtension;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code widerow query} against the real HBase and Elasticsearch of the local stack, as a client
 * sees it over HTTP: authentication, limits, paging, and the admin port's health while the query
 * workers are saturated.
 */
@ExtendWith(LocalStackExtension.class)
class QueryServiceIT {

  private static final String TOKEN = "query-it-token-000001";
  private static final String OTHER = "query-it-token-other1";
  private static final int ORDERS = 30;
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir static Path dir;

  private static Pipeline pipeline;
  private static EsRest es;
  private static MetricRegistry metrics;
  private static AdminServer admin;
  private static QueryService service;
  private static URI api;
  private static final Map<String, Double> paidTotals = new LinkedHashMap<>();
  private final HttpClient http = HttpClient.newHttpClient();

  @BeforeAll
  static void startQueryService(StackEndpoints stack) throws Exception {
    String name = DemoPipelines.uniqueName("qry_it");
    Path tokens = dir.resolve("tokens");
    Files.writeString(tokens, TOKEN + " " + name + "\n" + OTHER + " some_other_pipeline\n");
    QuerySpec spec =
        new QuerySpec(
            "127.0.0.1",
            0,
            new QuerySpec.Auth(Optional.empty(), Optional.of(tokens), false),
            Optional.empty(),
            4,
            16,
            QuerySpec.Limits.DEFAULT,
            true);
    pipeline = DemoPipelines.pipeline(stack, name).withQuery(spec);
    es = new EsRest(stack.elasticsearchUrl());
    writeOrders();
    metrics = new MetricRegistry();
    HealthCheckRegistry health = new HealthCheckRegistry();
    admin = new AdminServer("127.0.0.1", 0, metrics, health);
    service = new QueryService(pipeline, metrics, health);
    admin.start();
    service.start();
    api = service.server().orElseThrow().uri();
  }

  /** Rows in HBase and their documents in an index of their own, as the indexer would write. */
  private static void writeOrders() throws Exception {
    HBaseTables.create(pipeline.hbase());
    RowKeyCodec rowkeys = RowKeyCodec.of(pipeline.hbase());
    String index = pipeline.elasticsearch().index() + "-1";
    es.put(
        "/" + index,
        "{\"mappings\":{\"properties\":{\"rowkey\":{\"type\":\"keyword\"},"
            + "\"order_id\":{\"type\":\"keyword\"},\"status\":{\"type\":\"keyword\"},"
            + "\"total\":{\"type\":\"double\"},\"user_id\":{\"type\":\"long\"}}},"
            + "\"aliases\":{\""
            + pipeline.elasticsearch().index()
            + "\":{}}}");
    try (WideRowStore store = HBaseWideRowStore.open(pipeline.hbase())) {
      List<RowWrite> writes = new ArrayList<>();
      for (int i = 1; i <= ORDERS; i++) {
        String key = "ORD-" + i;
        String status = i % 3 == 0 ? "NEW" : "PAID";
        double total = (i * 7919) % 97 + 0.5;
        Map<String, Object> columns = new LinkedHashMap<>();
        columns.put("order_id", key);
        columns.put("user_id", i % 5);
        columns.put("status", status);
        columns.put("total", total);
        writes.add(new RowWrite(rowkeys.encode(key), SourceRow.live("orders", null, 1, columns)));
        if (status.equals("PAID")) {
          paidTotals.put(key, total);
        }
        Map<String, Object> doc = new LinkedHashMap<>(columns);
        doc.put("rowkey", rowkeys.encode(key));
        es.put("/" + index + "/_doc/" + key, JSON.writeValueAsString(doc));
      }
      store.write(writes);
      store.bumpVersions(writes.stream().map(RowWrite::rowkey).toList());
    }
    es.refresh(index);
  }

  @AfterAll
  static void stop() throws Exception {
    if (service != null) {
      service.stop();
    }
    if (admin != null) {
      admin.close();
    }
    if (pipeline != null) {
      HBaseTables.drop(pipeline.hbase());
      es.deleteIndex(pipeline.elasticsearch().index() + "-1");
    }
  }

  private HttpResponse<String> get(URI base, String path, String token) throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(20));
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    return http.send(request.build(), BodyHandlers.ofString());
  }

  private HttpResponse<String> get(String path, String token) throws Exception {
    return get(api, "/v1/" + pipeline.name() + path, token);
  }

  private static JsonNode json(HttpResponse<String> r) throws IOException {
    return JSON.readTree(r.body());
  }

  @Test
  void noTokenIs401() throws Exception {
    HttpResponse<String> r = get("/rows/ORD-1", null);
    assertThat(r.statusCode()).isEqualTo(401);
    assertThat(json(r).path("error").path("code").asText()).isEqualTo("unauthorized");
    assertThat(r.headers().firstValue("WWW-Authenticate")).isPresent();
  }

  @Test
  void aTokenForAnotherPipelineIs403() throws Exception {
    HttpResponse<String> r = get("/search?q=status:PAID", OTHER);
    assertThat(r.statusCode()).isEqualTo(403);
    assertThat(json(r).path("error").path("code").asText()).isEqualTo("forbidden");
  }

  @Test
  void rowsComeFromHBaseByKeyAndByMultiGet() throws Exception {
    HttpResponse<String> one = get("/rows/ORD-2", TOKEN);
    assertThat(one.statusCode()).isEqualTo(200);
    assertThat(json(one).path("tables").path("orders").path("status").asText()).isEqualTo("PAID");
    assertThat(json(one).path("version").asLong()).isEqualTo(1);

    JsonNode many = json(get("/rows?keys=ORD-3,ORD-999,ORD-1", TOKEN));
    assertThat(many.path("rows").findValuesAsText("key")).containsExactly("ORD-3", "ORD-1");
    assertThat(many.path("missing").get(0).asText()).isEqualTo("ORD-999");
    assertThat(get("/rows/ORD-999", TOKEN).statusCode()).isEqualTo(404);
  }

  @Test
  void searchAfterPagesThroughEveryHitInSortOrder() throws Exception {
    List<String> seen = new ArrayList<>();
    String path = "/search?q=status:PAID&sort=total:desc&size=6";
    JsonNode page = json(get(path, TOKEN));
    assertThat(page.path("total").asLong()).isEqualTo(paidTotals.size());
    assertThat(page.path("totalRelation").asText()).isEqualTo("eq");
    while (true) {
      page.path("rows").forEach(row -> seen.add(row.path("key").asText()));
      if (!page.has("next")) {
        break;
      }
      page = json(get(path + "&search_after=" + page.path("next").asText(), TOKEN));
    }
    List<String> expected =
        paidTotals.entrySet().stream()
            .sorted(
                Comparator.comparing(Map.Entry<String, Double>::getValue)
                    .reversed()
                    .thenComparing(e -> RowKeyCodec.of(pipeline.hbase()).encode(e.getKey())))
            .map(Map.Entry::getKey)
            .toList();
    assertThat(seen).containsExactlyElementsOf(expected);
  }

  @Test
  void documentsOnlyAnswerFromTheIndexWithTheSearchableFields() throws Exception {
    JsonNode page = json(get("/search?q=status:NEW&size=100&rows=false&sort=total", TOKEN));
    assertThat(page.path("total").asLong()).isEqualTo(ORDERS / 3);
    JsonNode first = page.path("documents").get(0);
    assertThat(first.path("document").path("status").asText()).isEqualTo("NEW");
    assertThat(first.path("key").asText()).startsWith("ORD-");
    assertThat(page.has("rows")).isFalse();
  }

  @Test
  void aLeadingWildcardIs400WithAMessageAndTheIndexRefusesItToo() throws Exception {
    HttpResponse<String> r = get("/search?q=status:*AID", TOKEN);
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(json(r).path("error").path("code").asText()).isEqualTo("bad_query");
    assertThat(json(r).path("error").path("message").asText())
        .contains("'*AID' starts with a wildcard");
    // Elasticsearch is told the same, should a query get past the check.
    try (ElasticsearchSearchIndex index = ElasticsearchSearchIndex.open(pipeline.elasticsearch())) {
      SearchQuery query =
          new SearchQuery(
              "status:*AID",
              List.of("status"),
              false,
              List.of(),
              List.of(),
              0,
              10,
              Optional.empty(),
              100,
              false);
      assertThatIllegalArgumentException()
          .isThrownBy(() -> index.search(query))
          .withMessageStartingWith("bad query");
    }
  }

  @Test
  void aFullQueueIs503WhileTheAdminPortsHealthStillAnswers() throws Exception {
    QuerySpec spec =
        new QuerySpec(
            "127.0.0.1",
            0,
            QuerySpec.Auth.LOOPBACK_ONLY,
            Optional.empty(),
            1,
            1,
            QuerySpec.Limits.DEFAULT,
            true);
    MetricRegistry registry = new MetricRegistry();
    HealthCheckRegistry health = new HealthCheckRegistry();
    CountDownLatch gate = new CountDownLatch(1);
    AtomicInteger searching = new AtomicInteger();
    try (WideRowStore store = HBaseWideRowStore.open(pipeline.hbase());
        ElasticsearchSearchIndex real = ElasticsearchSearchIndex.open(pipeline.elasticsearch());
        AdminServer adminPort = new AdminServer("127.0.0.1", 0, registry, health)) {
      SearchIndex slow =
          new SearchIndex() {
            @Override
            public Hits search(SearchQuery query) throws IOException {
              searching.incrementAndGet();
              try {
                gate.await(30, TimeUnit.SECONDS);
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
              return real.search(query);
            }

            @Override
            public void close() {}
          };
      WideRowClient client =
          new WideRowClient(store, slow, pipeline.rootTable(), RowKeyCodec.of(pipeline.hbase()));
      try (QueryServer server =
          QueryServer.start(
              pipeline,
              spec,
              client,
              BearerTokens.of(TokenTable.EMPTY, true),
              registry,
              health,
              null)) {
        adminPort.start();
        String search = "/v1/" + pipeline.name() + "/search?q=status:PAID";
        List<CompletableFuture<HttpResponse<String>>> held = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
          held.add(
              http.sendAsync(
                  HttpRequest.newBuilder(server.uri().resolve(search)).build(),
                  BodyHandlers.ofString()));
        }
        Gauge<?> queued = registry.getGauges().get("query.queued");
        await("one search running and one waiting")
            .atMost(Duration.ofSeconds(20))
            .until(() -> searching.get() == 1 && ((Number) queued.getValue()).intValue() == 1);

        HttpResponse<String> rejected = get(server.uri(), search, null);
        assertThat(rejected.statusCode()).isEqualTo(503);
        assertThat(rejected.headers().firstValue("Retry-After")).contains("1");
        assertThat(json(rejected).path("error").path("code").asText()).isEqualTo("overloaded");

        URI healthUri = URI.create("http://127.0.0.1:" + adminPort.port() + "/health");
        long start = System.nanoTime();
        HttpResponse<String> healthy =
            http.send(
                HttpRequest.newBuilder(healthUri).timeout(Duration.ofSeconds(2)).build(),
                BodyHandlers.ofString());
        assertThat(healthy.statusCode()).isEqualTo(200);
        assertThat(json(healthy).path("checks").path("query.workers").path("healthy").asBoolean())
            .isTrue();
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));

        gate.countDown();
        for (CompletableFuture<HttpResponse<String>> r : held) {
          HttpResponse<String> answer = r.get(20, TimeUnit.SECONDS);
          assertThat(answer.statusCode()).isEqualTo(200);
          assertThat(json(answer).path("total").asLong()).isEqualTo(paidTotals.size());
        }
      } finally {
        gate.countDown();
      }
    }
  }
}
