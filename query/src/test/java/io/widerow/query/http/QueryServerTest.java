package io.widerow.query.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.codahale.metrics.Gauge;
import com.codahale.metrics.MetricRegistry;
import com.codahale.metrics.health.HealthCheckRegistry;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.widerow.core.pipeline.Pipeline;
import io.widerow.core.pipeline.PipelineLoader;
import io.widerow.core.pipeline.QuerySpec;
import io.widerow.query.WideRowClient;
import io.widerow.query.auth.BearerTokens;
import io.widerow.query.auth.TokenTable;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class QueryServerTest {

  static final String TOKEN = "orders-token-0000001";
  static final String OTHER = "invoices-token-00001";
  private static final ObjectMapper JSON = new ObjectMapper();

  private final FakeBackends backends = new FakeBackends();
  private final MetricRegistry registry = new MetricRegistry();
  private final HealthCheckRegistry health = new HealthCheckRegistry();
  private final HttpClient http = HttpClient.newHttpClient();
  private final List<QueryServer> servers = new ArrayList<>();
  private final Pipeline pipeline = demoPipeline();

  QueryServerTest() {
    backends.order("ORD-1", "PAID");
    backends.order("ORD-2", "NEW");
    backends.order("ORD-3", "PAID");
  }

  static Pipeline demoPipeline() {
    try (InputStream in =
        QueryServerTest.class.getClassLoader().getResourceAsStream("demo/orders.pipeline.yaml")) {
      String yaml = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      return PipelineLoader.parse(yaml, "demo", Map.of("WIDEROW_QUERY_PORT", "0"));
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private QueryServer start(QuerySpec spec, BearerTokens tokens) throws Exception {
    WideRowClient client =
        new WideRowClient(backends.store, backends.index, pipeline.rootTable(), backends.rowkeys);
    QueryServer server = QueryServer.start(pipeline, spec, client, tokens, registry, health, null);
    servers.add(server);
    return server;
  }

  private QueryServer start() throws Exception {
    return start(spec(8, 64, Optional.empty()), tokens(false));
  }

  private static BearerTokens tokens(boolean loopbackWithoutToken) {
    return BearerTokens.of(
        TokenTable.parse(TOKEN + " orders\n" + OTHER + " invoices", "test"), loopbackWithoutToken);
  }

  private static QuerySpec spec(int threads, int queue, Optional<QuerySpec.Tls> tls) {
    return new QuerySpec(
        "127.0.0.1",
        0,
        QuerySpec.Auth.LOOPBACK_ONLY,
        tls,
        threads,
        queue,
        QuerySpec.Limits.DEFAULT,
        true);
  }

  @AfterEach
  void stop() throws Exception {
    backends.index.gate.countDown();
    for (QueryServer s : servers) {
      s.close();
    }
  }

  private HttpResponse<String> get(QueryServer server, String path, String token) throws Exception {
    return send(server, HttpRequest.newBuilder(server.uri().resolve(path)), token);
  }

  private HttpResponse<String> send(QueryServer server, HttpRequest.Builder request, String token)
      throws Exception {
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    return http.send(request.build(), BodyHandlers.ofString());
  }

  private static JsonNode json(HttpResponse<String> r) throws IOException {
    assertThat(r.headers().firstValue("Content-Type")).contains("application/json");
    return JSON.readTree(r.body());
  }

  private static void assertError(HttpResponse<String> r, int status, String code)
      throws IOException {
    assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
    assertThat(json(r).path("error").path("code").asText()).isEqualTo(code);
    assertThat(json(r).path("error").path("message").asText()).isNotBlank();
  }

  @Test
  void aTokenOfThePipelineReadsARowByKey() throws Exception {
    QueryServer server = start();
    HttpResponse<String> r = get(server, "/v1/orders/rows/ORD-1", TOKEN);
    assertThat(r.statusCode()).isEqualTo(200);
    JsonNode row = json(r);
    assertThat(row.path("key").asText()).isEqualTo("ORD-1");
    assertThat(row.path("version").asLong()).isEqualTo(3);
    assertThat(row.path("tables").path("orders").path("status").asText()).isEqualTo("PAID");
    assertThat(r.headers().firstValueAsLong("Content-Length")).hasValue(r.body().length());
  }

  @Test
  void noTokenIs401WithABearerChallenge() throws Exception {
    QueryServer server = start();
    HttpResponse<String> r = get(server, "/v1/orders/rows/ORD-1", null);
    assertError(r, 401, "unauthorized");
    assertThat(r.headers().firstValue("WWW-Authenticate")).contains("Bearer realm=\"widerow\"");
    assertError(get(server, "/v1/orders/rows/ORD-1", "not-a-token-we-know"), 401, "unauthorized");
    assertThat(registry.meter("query.unauthorized").getCount()).isEqualTo(2);
  }

  @Test
  void aTokenOfAnotherPipelineIs403() throws Exception {
    QueryServer server = start();
    HttpResponse<String> r = get(server, "/v1/orders/search?q=status:PAID", OTHER);
    assertError(r, 403, "forbidden");
    assertThat(json(r).path("error").path("message").asText()).contains("'orders'");
    assertThat(backends.index.entered).hasValue(0);
  }

  @Test
  void loopbackCallersNeedNoTokenOnlyWhenThePipelineFileSaysSo() throws Exception {
    QueryServer open = start(spec(8, 64, Optional.empty()), tokens(true));
    assertThat(get(open, "/v1/orders/rows/ORD-1", null).statusCode()).isEqualTo(200);
    assertError(get(open, "/v1/orders/rows/ORD-1", OTHER), 403, "forbidden");
    QueryServer closed = start(spec(8, 64, Optional.empty()), tokens(false));
    assertError(get(closed, "/v1/orders/rows/ORD-1", null), 401, "unauthorized");
  }

  @Test
  void multiGetAnswersInTheOrderAskedAndNamesTheMissingKeys() throws Exception {
    QueryServer server = start();
    JsonNode r = json(get(server, "/v1/orders/rows?keys=ORD-3,NOPE,ORD-1&keys=ORD-3", TOKEN));
    assertThat(r.path("rows").findValuesAsText("key")).containsExactly("ORD-3", "ORD-1");
    assertThat(r.path("missing").get(0).asText()).isEqualTo("NOPE");
    String many = "ORD-" + String.join(",ORD-", java.util.Collections.nCopies(101, "x"));
    StringBuilder keys = new StringBuilder();
    for (int i = 0; i < 101; i++) {
      keys.append(i == 0 ? "" : ",").append("K").append(i);
    }
    assertError(get(server, "/v1/orders/rows?keys=" + keys, TOKEN), 400, "bad_request");
    assertThat(many).isNotEmpty();
  }

  @Test
  void searchAnswersRowsOrDocumentsWithACursorForAFullPage() throws Exception {
    QueryServer server = start();
    JsonNode rows = json(get(server, "/v1/orders/search?q=status:PAID&size=2", TOKEN));
    assertThat(rows.path("total").asLong()).isEqualTo(3);
    assertThat(rows.path("totalRelation").asText()).isEqualTo("eq");
    assertThat(rows.path("rows").findValuesAsText("key")).containsExactly("ORD-1", "ORD-2");
    assertThat(rows.path("next").asText()).isNotEmpty();
    assertThat(backends.index.last.get().documents()).isFalse();

    JsonNode docs = json(get(server, "/v1/orders/search?q=status:PAID&size=5&rows=false", TOKEN));
    assertThat(docs.has("rows")).isFalse();
    assertThat(docs.path("documents").get(0).path("key").asText()).isEqualTo("ORD-1");
    assertThat(docs.path("documents").get(0).path("document").path("status").asText())
        .isEqualTo("PAID");
    assertThat(docs.path("documents").get(0).path("document").has("rowkey")).isFalse();
    assertThat(docs.has("next")).as("a page that is not full has no next").isFalse();
    assertThat(backends.index.last.get().documents()).isTrue();
  }

  @Test
  void badRequestsAnswerJsonErrorsWithACodeAndAMessage() throws Exception {
    QueryServer server = start();
    assertError(get(server, "/v1/orders/rows/NOPE", TOKEN), 404, "not_found");
    assertError(get(server, "/v1/orders/nothing", TOKEN), 404, "not_found");
    assertError(get(server, "/v2/x", TOKEN), 404, "not_found");
    assertError(get(server, "/v1/orders/search?q=status:*AID", TOKEN), 400, "bad_query");
    assertError(get(server, "/v1/orders/search?q=x&size=1000", TOKEN), 400, "bad_request");
    HttpResponse<String> post =
        send(
            server,
            HttpRequest.newBuilder(server.uri().resolve("/v1/orders/rows/ORD-1"))
                .POST(HttpRequest.BodyPublishers.ofString("{}")),
            TOKEN);
    assertError(post, 405, "method_not_allowed");
    assertThat(post.headers().firstValue("Allow")).contains("GET");
  }

  @Test
  void aPipelineNotServedHereIs404ForATokenThatGrantsIt() throws Exception {
    BearerTokens all = BearerTokens.of(TokenTable.parse(TOKEN + " *", "test"), false);
    QueryServer server = start(spec(8, 64, Optional.empty()), all);
    HttpResponse<String> r = get(server, "/v1/invoices/rows/X", TOKEN);
    assertError(r, 404, "not_found");
    assertThat(json(r).path("error").path("message").asText())
        .isEqualTo("pipeline 'invoices' is not served here; this server serves 'orders'");
  }

  @Test
  void theIndexsRefusalIs400AndAFailureIs500WithoutInternals() throws Exception {
    QueryServer server = start();
    backends.index.refusal = new IllegalArgumentException("bad query: Cannot parse 'x'");
    HttpResponse<String> refused = get(server, "/v1/orders/search?q=x", TOKEN);
    assertError(refused, 400, "bad_query");
    assertThat(json(refused).path("error").path("message").asText())
        .isEqualTo("bad query: Cannot parse 'x'");
    backends.index.refusal = null;
    backends.index.failure = new IOException("es-node-3 connection reset");
    HttpResponse<String> failed = get(server, "/v1/orders/search?q=x", TOKEN);
    assertError(failed, 500, "internal");
    assertThat(failed.body()).doesNotContain("es-node-3");
  }

  @Test
  void aFullQueueIs503WithRetryAfterWhileTheListenerStillAnswers() throws Exception {
    QueryServer server = start(spec(1, 1, Optional.empty()), tokens(false));
    backends.index.gate = new CountDownLatch(1);
    List<CompletableFuture<HttpResponse<String>>> held = new ArrayList<>();
    for (int i = 0; i < 2; i++) {
      held.add(
          http.sendAsync(
              HttpRequest.newBuilder(server.uri().resolve("/v1/orders/search?q=PAID"))
                  .header("Authorization", "Bearer " + TOKEN)
                  .build(),
              BodyHandlers.ofString()));
    }
    Gauge<?> queued = registry.getGauges().get("query.queued");
    await("one search running and one queued")
        .atMost(Duration.ofSeconds(10))
        .until(
            () ->
                backends.index.entered.get() == 1 && ((Number) queued.getValue()).intValue() == 1);

    HttpResponse<String> rejected = get(server, "/v1/orders/rows/ORD-1", TOKEN);
    assertError(rejected, 503, "overloaded");
    assertThat(rejected.headers().firstValue("Retry-After")).contains("1");
    assertThat(registry.meter("query.rejected").getCount()).isEqualTo(1);
    assertThat(get(server, "/v1/openapi.json", null).statusCode()).isEqualTo(200);
    assertError(get(server, "/v1/orders/rows/ORD-1", null), 401, "unauthorized");

    backends.index.gate.countDown();
    for (CompletableFuture<HttpResponse<String>> r : held) {
      assertThat(r.get().statusCode()).isEqualTo(200);
    }
    assertThat(get(server, "/v1/orders/rows/ORD-1", TOKEN).statusCode()).isEqualTo(200);
  }

  @Test
  void theOpenApiDescriptionIsServedWithoutAToken() throws Exception {
    QueryServer server = start();
    JsonNode api = json(get(server, "/v1/openapi.json", null));
    assertThat(api.path("openapi").asText()).startsWith("3.");
    assertThat(api.path("paths").has("/v1/{pipeline}/rows/{key}")).isTrue();
    assertThat(api.path("paths").has("/v1/{pipeline}/rows")).isTrue();
    assertThat(api.path("paths").has("/v1/{pipeline}/search")).isTrue();
  }

  @Test
  void withAKeyAndCertificateTheApiIsServedOverTls() throws Exception {
    Path dir = Path.of(QueryServerTest.class.getResource("/tls/cert.pem").toURI()).getParent();
    QueryServer server =
        start(
            spec(
                8,
                64,
                Optional.of(new QuerySpec.Tls(dir.resolve("cert.pem"), dir.resolve("key.pem")))),
            tokens(false));
    assertThat(server.uri().getScheme()).isEqualTo("https");
    HttpClient trusting =
        HttpClient.newBuilder().sslContext(trusting(dir.resolve("cert.pem"))).build();
    HttpResponse<String> r =
        trusting.send(
            HttpRequest.newBuilder(server.uri().resolve("/v1/orders/rows/ORD-2"))
                .header("Authorization", "Bearer " + TOKEN)
                .build(),
            BodyHandlers.ofString());
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(JSON.readTree(r.body()).path("key").asText()).isEqualTo("ORD-2");
    URI plain = URI.create("http://127.0.0.1:" + server.port() + "/v1/openapi.json");
    assertThatThrownBy(
            () -> {
              HttpResponse<String> p =
                  http.send(HttpRequest.newBuilder(plain).build(), BodyHandlers.ofString());
              if (p.statusCode() != 200) {
                throw new IOException("plain HTTP refused with " + p.statusCode());
              }
            })
        .isInstanceOf(IOException.class);
  }

  private static SSLContext trusting(Path cert) throws Exception {
    KeyStore trust = KeyStore.getInstance("PKCS12");
    trust.load(null, null);
    try (InputStream in = java.nio.file.Files.newInputStream(cert)) {
      trust.setCertificateEntry(
          "query", CertificateFactory.getInstance("X.509").generateCertificate(in));
    }
    TrustManagerFactory tmf =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(trust);
    SSLContext ssl = SSLContext.getInstance("TLS");
    ssl.init(null, tmf.getTrustManagers(), null);
    return ssl;
  }
}
