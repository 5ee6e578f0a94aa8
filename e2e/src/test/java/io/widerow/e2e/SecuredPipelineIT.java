package io.widerow.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.widerow.core.index.IndexLayout;
import io.widerow.core.pipeline.Pipeline;
import io.widerow.core.pipeline.PipelineLoader;
import io.widerow.stack.PipelineFiles;
import io.widerow.stack.SecuredEndpoints;
import io.widerow.stack.StackEndpoints;
import io.widerow.stack.StackSecrets;
import io.widerow.testkit.DemoPipelines;
import io.widerow.testkit.EsRest;
import io.widerow.testkit.HBaseTables;
import io.widerow.testkit.LocalStackExtension;
import io.widerow.workload.DemoSchema;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.awaitility.core.ConditionFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The whole pipeline over the local stack's secured side, each service a JVM of its own as a
 * cluster runs it: ingest reads the source over TLS (verify-ca) as a user that must use it, every
 * Kafka client talks SASL_SSL with SCRAM-SHA-512, and Elasticsearch is reached over https with
 * credentials. Ingest and indexer read one pipeline file (the CA as PEM, basic auth); merger and
 * the query API ({@code widerow query}) another (Kafka trusted through a truststore, Elasticsearch
 * by the CA's fingerprint with an API key). No service log holds a password or key.
 */
@ExtendWith(LocalStackExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SecuredPipelineIT {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration PATIENCE = Duration.ofSeconds(180);
  private static final Pattern QUERY_API = Pattern.compile("query API of pipeline \\S+ on (\\S+) ");

  private static StackEndpoints stack;
  private static String name;
  private static DemoSchema schema;
  private static Pipeline pipeline;
  private static Path dir;
  private static final List<ServiceProcess> services = new ArrayList<>();
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private static URI queryApi;

  @BeforeAll
  static void start(StackEndpoints endpoints) throws Exception {
    stack = endpoints;
    name = DemoPipelines.uniqueName("secured");
    schema = DemoPipelines.schema(name);
    try (Connection db = root()) {
      schema.create(db);
    }
    // Before ingest starts: this order comes through Debezium's snapshot.
    insertOrder(0, "CREATED", 1);
    dir = Files.createTempDirectory("widerow-" + name + "-");
    SecuredPipeline pemAndBasic = SecuredPipeline.of(stack, name);
    SecuredPipeline truststoreAndApiKey = pemAndBasic.withTruststoreFingerprintAndApiKey();
    Path basicFile = write("pipeline-pem-basic.yaml", pemAndBasic.yaml());
    Path apiKeyFile = write("pipeline-truststore-apikey.yaml", truststoreAndApiKey.yaml());
    pipeline = PipelineLoader.parse(pemAndBasic.yaml(), name, PipelineFiles.environment(stack));
    List<String> java =
        CrashPipeline.shortLivedJavaCommand(Files.createDirectories(dir.resolve("classpath")));
    Map<String, String> env = environment();
    services.add(new ServiceProcess("indexer", java, env, basicFile, dir));
    services.add(new ServiceProcess("merger", java, env, apiKeyFile, dir));
    services.add(new ServiceProcess("ingest", java, env, basicFile, dir));
    services.add(new ServiceProcess("query", java, env, apiKeyFile, dir));
    for (ServiceProcess service : services) {
      service.start();
    }
    patiently("indexer, merger and ingest running").until(() -> allUp(services.subList(0, 3)));
    queryApi = queryApi(services.get(3));
  }

  @AfterAll
  static void stop() throws Exception {
    for (int i = services.size() - 1; i >= 0; i--) {
      services.get(i).close();
    }
    if (pipeline != null) {
      HBaseTables.drop(pipeline.hbase());
      new EsRest(stack.elasticsearchUrl())
          .deleteIndex(
              IndexLayout.physicalIndex(pipeline.elasticsearch(), IndexLayout.FIRST_GENERATION));
    }
    if (schema != null) {
      try (Connection db = root()) {
        schema.drop(db);
      }
    }
  }

  @Test
  @Order(1)
  void snapshottedOrderIsReadAndSearchedThroughTheQueryApi() throws Exception {
    String key = DemoSchema.orderId(0);

    JsonNode hits = awaitSearch("order_id:" + key, page -> page.path("total").asInt() == 1);
    JsonNode row = get(key);

    assertThat(hits.path("rows").get(0).path("key").asText()).isEqualTo(key);
    assertThat(hits.path("rows").get(0).path("tables").path("orders").path("status").asText())
        .isEqualTo("CREATED");
    assertThat(row.path("tables").path("orders").path("status").asText()).isEqualTo("CREATED");
  }

  @Test
  @Order(2)
  void streamedChangesReachTheIndexAndADeleteRemovesTheOrder() throws Exception {
    String key = DemoSchema.orderId(1);
    insertOrder(1, "CREATED", 1);
    exec(1, "UPDATE %s SET status = 'PAID', version = 2 WHERE order_id = ?", "orders", key);

    JsonNode paid =
        awaitSearch(
            "order_id:" + key + " AND status:PAID", page -> page.path("total").asInt() == 1);
    assertThat(paid.path("rows").get(0).path("version").asLong()).isPositive();
    assertThat(get(key).path("tables").path("orders").path("status").asText()).isEqualTo("PAID");

    exec(1, "DELETE FROM %s WHERE order_id = ?", "orders", key);

    awaitSearch("order_id:" + key, page -> page.path("total").asInt() == 0);
    assertThat(status("/rows/" + key)).isEqualTo(404);
  }

  @Test
  @Order(3)
  void everyElasticsearchRequestWentThroughTheTlsProxyWithItsCredentials() throws Exception {
    // nginx logs each request it let through with the basic-auth user, "-" for the API key.
    List<String> requests =
        Files.readAllLines(stack.secured().elasticsearchProxyAccessLog()).stream()
            .filter(line -> line.contains("/" + name))
            .toList();
    List<String> bulks = requests.stream().filter(line -> line.contains("/_bulk")).toList();
    List<String> searches = requests.stream().filter(line -> line.contains("/_search")).toList();

    assertThat(bulks).as("the indexer's bulk writes").isNotEmpty();
    assertThat(bulks)
        .allMatch(line -> line.startsWith("127.0.0.1 - widerow ["), "sent as user widerow")
        .allMatch(line -> line.contains("\" 200 "), "accepted");
    assertThat(searches).as("the query API's searches").isNotEmpty();
    assertThat(searches)
        .allMatch(line -> line.startsWith("127.0.0.1 - - ["), "sent with the API key")
        .allMatch(line -> line.contains("\" 200 "), "accepted");
  }

  @Test
  @Order(4)
  void noServiceLogHoldsAPasswordOrKey() throws Exception {
    SecuredEndpoints secured = stack.secured();
    Map<String, String> secrets = new HashMap<>();
    secrets.put("MariaDB password", StackSecrets.read(secured.cdcTlsPasswordFile()));
    secrets.put("Kafka password", StackSecrets.read(secured.kafkaPasswordFile()));
    secrets.put("Elasticsearch password", StackSecrets.read(secured.elasticsearchPasswordFile()));
    secrets.put("Elasticsearch API key", StackSecrets.read(secured.elasticsearchApiKeyFile()));
    secrets.put("truststore password", StackSecrets.read(secured.truststorePasswordFile()));
    List<Path> logs = new ArrayList<>();
    for (ServiceProcess service : services) {
      logs.add(service.log());
    }

    for (Path log : logs) {
      String text = Files.readString(log);
      assertThat(text).as(log + " was written").contains("of pipeline " + name + " starting");
      secrets.forEach(
          (what, value) -> assertThat(text).as(what + " in " + log).doesNotContain(value));
    }
  }

  private static boolean allUp(List<ServiceProcess> some) throws Exception {
    requireRunning();
    for (ServiceProcess service : some) {
      if (!service.isUp()) {
        return false;
      }
    }
    return true;
  }

  private static URI queryApi(ServiceProcess query) throws Exception {
    Matcher m = QUERY_API.matcher("");
    patiently("widerow query listening")
        .until(
            () -> {
              requireRunning();
              return m.reset(Files.readString(query.log())).find();
            });
    return URI.create(m.group(1) + "/v1/" + name);
  }

  private static JsonNode awaitSearch(String query, java.util.function.Predicate<JsonNode> done)
      throws Exception {
    String path = "/search?q=" + URLEncoder.encode(query, StandardCharsets.UTF_8);
    JsonNode[] last = new JsonNode[1];
    patiently("search " + query)
        .until(
            () -> {
              requireRunning();
              HttpResponse<String> r = send(path);
              last[0] = r.statusCode() == 200 ? JSON.readTree(r.body()) : null;
              return last[0] != null && done.test(last[0]);
            });
    return last[0];
  }

  private static JsonNode get(String key) throws Exception {
    HttpResponse<String> r = send("/rows/" + key);
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    return JSON.readTree(r.body());
  }

  private static int status(String path) throws Exception {
    return send(path).statusCode();
  }

  private static HttpResponse<String> send(String path) throws Exception {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(queryApi + path)).timeout(Duration.ofSeconds(20)).build();
    return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
  }

  private static void requireRunning() {
    for (ServiceProcess service : services) {
      if (!service.isRunning()) {
        throw new IllegalStateException(
            service.name() + " exited with " + service.endedOnItsOwn() + "; see " + service.log());
      }
    }
  }

  private static Map<String, String> environment() {
    Map<String, String> env = new HashMap<>(CrashPipeline.environment(stack));
    // Only the secured side's secrets; the plaintext CDC password is no use to widerow_cdc_tls.
    env.remove("WIDEROW_CDC_PASSWORD");
    env.put(
        SecuredPipeline.KAFKA_PASSWORD_ENV, StackSecrets.read(stack.secured().kafkaPasswordFile()));
    env.put(
        SecuredPipeline.API_KEY_ENV, StackSecrets.read(stack.secured().elasticsearchApiKeyFile()));
    return env;
  }

  private static Path write(String file, String yaml) throws Exception {
    return Files.writeString(dir.resolve(file), yaml);
  }

  private static void insertOrder(long no, String status, long version) throws Exception {
    exec(
        no,
        "INSERT INTO %s (order_id, user_id, status, total, currency, created_at, updated_at,"
            + " version) VALUES (?, 1, '"
            + status
            + "', 20.00, 'EUR', NOW(3), NOW(3), "
            + version
            + ")",
        "orders",
        DemoSchema.orderId(no));
  }

  private static void exec(long no, String sql, String table, String key) throws Exception {
    try (Connection db = root();
        PreparedStatement st = db.prepareStatement(sql.formatted(schema.shardedTable(no, table)))) {
      st.setString(1, key);
      st.executeUpdate();
    }
  }

  private static Connection root() throws Exception {
    return DriverManager.getConnection(
        stack.mariadbJdbcUrl(), stack.mariadbRootUser(), stack.mariadbRootPassword());
  }

  private static ConditionFactory patiently(String what) {
    return await(what).atMost(PATIENCE).pollInterval(Duration.ofMillis(500));
  }
}
