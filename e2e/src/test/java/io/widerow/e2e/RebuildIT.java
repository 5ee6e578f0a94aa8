package io.widerow.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.widerow.bench.elasticsearch.ElasticsearchCeiling;
import io.widerow.core.document.BuildOutcome;
import io.widerow.core.document.DocumentBuilder;
import io.widerow.core.document.IndexAction;
import io.widerow.core.pipeline.ElasticsearchSpec;
import io.widerow.core.pipeline.Pipeline;
import io.widerow.core.pipeline.PipelineLoader;
import io.widerow.core.rowkey.RowKeyCodec;
import io.widerow.core.service.FatalException;
import io.widerow.elasticsearch.ElasticsearchClients;
import io.widerow.indexer.elasticsearch.IndexManager;
import io.widerow.ops.RebuildCommand;
import io.widerow.ops.hbase.HBaseRebuildSource;
import io.widerow.stack.StackEndpoints;
import io.widerow.testkit.LocalStackExtension;
import io.widerow.verify.VerifyCommand;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code widerow rebuild} on a running pipeline whose rows change all along: a mapping change the
 * indexer refuses (naming the command), a new index generation built from HBase with no SELECT on
 * the source, the alias moved, the old generation gone, and verify clean afterwards. Prints the
 * rebuild's docs/s next to the Elasticsearch bulk ceiling on the same documents.
 */
@ExtendWith(LocalStackExtension.class)
class RebuildIT {

  private static final ObjectMapper JSON = new ObjectMapper();

  /** 3,000 keeps the test short; docs/benchmarks.md has a run with WIDEROW_REBUILD_ORDERS=10000. */
  private static final int ORDERS =
      Integer.parseInt(System.getenv().getOrDefault("WIDEROW_REBUILD_ORDERS", "3000"));

  @Test
  void rebuildFromHBaseUnderLoadSwapsTheAliasAndVerifiesClean(
      StackEndpoints stack, @TempDir Path dir) throws Exception {
    try (ShardedOrdersPipeline it = new ShardedOrdersPipeline(stack, "rebuild", dir)) {
      String orders = it.db0 + ".orders_0";
      it.insertOrders(orders, 1, ORDERS);
      it.awaitCaughtUp(orders, 1);
      String alias = it.pipeline.elasticsearch().index();

      // status becomes text: a type change the index cannot take in place.
      String changed =
          Files.readString(it.file)
              .replace(
                  "status: {from: orders.status, type: keyword}",
                  "status: {from: orders.status, type: text}");
      assertThat(changed).isNotEqualTo(Files.readString(it.file));
      Path newFile = Files.writeString(dir.resolve("changed.yaml"), changed);
      Pipeline newPipeline = PipelineLoader.parse(changed, "changed", java.util.Map.of());
      assertThatThrownBy(() -> ensureIndex(newPipeline.elasticsearch()))
          .isInstanceOf(FatalException.class)
          .hasMessageContaining("widerow rebuild --pipeline");

      AtomicBoolean changing = new AtomicBoolean(true);
      AtomicInteger updates = new AtomicInteger();
      List<Throwable> updateFailures = Collections.synchronizedList(new ArrayList<>());
      Thread updater =
          new Thread(
              () -> {
                try {
                  while (changing.get()) {
                    long id = 1 + ThreadLocalRandom.current().nextInt(ORDERS);
                    it.sql.sql(
                        "UPDATE "
                            + orders
                            + " SET version = version + 1, status = 'U"
                            + updates.incrementAndGet()
                            + "' WHERE order_id = "
                            + id);
                  }
                } catch (Throwable t) {
                  updateFailures.add(t);
                }
              },
              "rebuild-updater");

      long selectsBefore = comSelect(stack);
      updater.start();
      StringWriter out = new StringWriter();
      CommandLine cli = new CommandLine(new RebuildCommand(it.sql.environment()));
      cli.setOut(new PrintWriter(out, true));
      cli.setErr(new PrintWriter(out, true));
      int updatesBefore = updates.get();
      int exit = cli.execute("--pipeline", newFile.toString(), "--batch", "500");
      int updatesDuring = updates.get() - updatesBefore;
      changing.set(false);
      updater.join();
      long selectsAfter = comSelect(stack);
      System.out.println("rebuild -> " + exit + "\n" + out);
      System.out.println(
          "updates during the rebuild: "
              + updatesDuring
              + "; Com_select "
              + selectsBefore
              + " -> "
              + selectsAfter);

      assertThat(updateFailures).isEmpty();
      assertThat(exit).as(out.toString()).isZero();
      assertThat(updatesDuring).isPositive();
      assertThat(selectsAfter - selectsBefore)
          .as("SELECT statements the source ran during the rebuild")
          .isZero();
      assertThat(out.toString())
          .contains("alias " + alias + " moved to " + alias + "-2")
          .contains("deleted " + alias + "-1")
          .containsPattern("docs/s");

      JsonNode aliases = getJson(stack.elasticsearchUrl() + "/_alias/" + alias);
      assertThat(iterableNames(aliases)).containsExactly(alias + "-2");
      JsonNode mapping = getJson(stack.elasticsearchUrl() + "/" + alias + "-2/_mapping");
      assertThat(
              mapping
                  .path(alias + "-2")
                  .path("mappings")
                  .path("properties")
                  .path("status")
                  .path("type")
                  .asText())
          .isEqualTo("text");
      // The indexer now starts with the new file: its mapping is the index's.
      ensureIndex(newPipeline.elasticsearch());

      it.awaitCaughtUp(orders, 2);
      StringWriter verifyOut = new StringWriter();
      CommandLine verify = new CommandLine(new VerifyCommand(it.sql.environment()));
      verify.setOut(new PrintWriter(verifyOut, true));
      verify.setErr(new PrintWriter(verifyOut, true));
      int verified = verify.execute("--pipeline", newFile.toString());
      System.out.println("verify -> " + verified + "\n" + verifyOut);
      assertThat(verified).as(verifyOut.toString()).isZero();

      printCeiling(it.pipeline, stack.elasticsearchUrl(), out.toString());
    }
  }

  /** The Elasticsearch bulk ceiling (bench's) on the same documents, next to the rebuild's rate. */
  private static void printCeiling(Pipeline pipeline, String esUrl, String rebuildOut)
      throws Exception {
    DocumentBuilder builder =
        new DocumentBuilder(pipeline, RowKeyCodec.of(pipeline.hbase())::decode);
    List<IndexAction> actions = Collections.synchronizedList(new ArrayList<>());
    try (HBaseRebuildSource source = HBaseRebuildSource.open(pipeline.hbase())) {
      source.scanAll(
          1,
          1000,
          rows ->
              rows.forEach(
                  r -> {
                    if (builder.build(r) instanceof BuildOutcome.Ready ready) {
                      actions.add(ready.action());
                    }
                  }));
    }
    ElasticsearchSpec spec = pipeline.elasticsearch();
    ElasticsearchSpec ceilingSpec =
        spec.withIndex(spec.index() + "_ceiling", spec.shards(), spec.replicas());
    ElasticsearchCeiling.Rate rate = ElasticsearchCeiling.write(ceilingSpec, actions, 1000);
    deleteIndex(esUrl + "/" + spec.index() + "_ceiling-1");
    String summary =
        rebuildOut.lines().filter(l -> l.contains("rows scanned")).findFirst().orElse("?");
    System.out.printf(
        "BENCH rebuild: %s%nBENCH Elasticsearch bulk ceiling (bench's ElasticsearchCeiling, one"
            + " thread, batch 1000): %d docs in %.1f s = %.0f docs/s%n",
        summary, rate.documents(), rate.seconds(), rate.perSecond());
  }

  private static void ensureIndex(ElasticsearchSpec spec) throws Exception {
    var client = ElasticsearchClients.create(spec.hosts());
    try {
      new IndexManager(client, spec).ensureIndexExists();
    } finally {
      client._transport().close();
    }
  }

  private static long comSelect(StackEndpoints stack) throws Exception {
    try (Connection c =
            DriverManager.getConnection(
                stack.mariadbJdbcUrl(), stack.mariadbRootUser(), stack.mariadbRootPassword());
        Statement s = c.createStatement();
        ResultSet r = s.executeQuery("SHOW GLOBAL STATUS LIKE 'Com_select'")) {
      r.next();
      return r.getLong(2);
    }
  }

  private static List<String> iterableNames(JsonNode node) {
    List<String> names = new ArrayList<>();
    node.fieldNames().forEachRemaining(names::add);
    return names;
  }

  private static JsonNode getJson(String url) throws Exception {
    HttpResponse<String> response =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create(url)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return JSON.readTree(response.body());
  }

  private static void deleteIndex(String url) throws Exception {
    HttpClient.newHttpClient()
        .send(
            HttpRequest.newBuilder(URI.create(url)).DELETE().build(),
            HttpResponse.BodyHandlers.ofString());
  }
}
