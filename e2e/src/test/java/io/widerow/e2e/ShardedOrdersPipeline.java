package io.widerow.e2e;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.widerow.core.pipeline.Pipeline;
import io.widerow.core.pipeline.PipelineLoader;
import io.widerow.local.LocalPipeline;
import io.widerow.stack.StackEndpoints;
import io.widerow.testkit.BadInputFixture;
import io.widerow.testkit.EsRest;
import io.widerow.testkit.PipelineIdle;
import io.widerow.verify.VerifyCommand;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import picocli.CommandLine;

/**
 * One pipeline running in this JVM over every database named {@code <name>_<n>} (no database list:
 * a new shard database is captured from its creation), with tables {@code orders_<n>} (root) and
 * {@code order_item_<n>}, each test on shards of its own; plus the SQL, waits and verify runs the
 * schema-change and explain tests share.
 */
final class ShardedOrdersPipeline implements AutoCloseable {

  static final Duration WAIT = Duration.ofSeconds(120);
  static final String ORDERS_COLUMNS =
      "(order_id BIGINT PRIMARY KEY, version BIGINT NOT NULL, status VARCHAR(20),"
          + " total DECIMAL(10,2), qty INT, note VARCHAR(50))";
  static final String ITEM_COLUMNS =
      "(item_id BIGINT PRIMARY KEY, order_id BIGINT NOT NULL, sku VARCHAR(20),"
          + " version BIGINT NOT NULL)";

  final StackEndpoints stack;
  final BadInputFixture sql;
  final String db0;
  final Pipeline pipeline;
  final Path file;
  final EsRest es;
  LocalPipeline services;
  private final PipelineIdle idle;

  ShardedOrdersPipeline(StackEndpoints stack, String prefix, Path dir) throws Exception {
    this.stack = stack;
    this.sql = new BadInputFixture(stack, prefix);
    this.db0 = db(0);
    sql.sql(
        "CREATE DATABASE " + db0,
        "CREATE TABLE " + db0 + ".orders_0 " + ORDERS_COLUMNS,
        "CREATE TABLE " + db0 + ".order_item_0 " + ITEM_COLUMNS);
    String yaml = yaml();
    this.pipeline = PipelineLoader.parse(yaml, sql.name, Map.of());
    this.file = Files.writeString(dir.resolve(sql.name + ".yaml"), yaml);
    this.es = new EsRest(stack.elasticsearchUrl());
    this.idle = new PipelineIdle(pipeline);
    this.services = new LocalPipeline(pipeline, sql.environment()::get, 0);
    services.start();
    // Order 0 is indexed once the initial snapshot has ended (it holds its keys until then):
    // from here on every change is streamed, deletes and updates included.
    insertOrders(db0 + ".orders_0", 0, 1);
    awaitDocument("0", ShardedOrdersPipeline::live);
  }

  String db(int n) {
    return sql.name + "_" + n;
  }

  /** Creates shard {@code n} of both tables in {@link #db0}, with {@code orders} rows in it. */
  void createShard(int n, long firstOrder, int orders) throws Exception {
    sql.sql(
        "CREATE TABLE " + db0 + ".orders_" + n + " " + ORDERS_COLUMNS,
        "CREATE TABLE " + db0 + ".order_item_" + n + " " + ITEM_COLUMNS);
    insertOrders(db0 + ".orders_" + n, firstOrder, orders);
  }

  void insertOrders(String table, long firstOrder, int orders) throws Exception {
    String values =
        LongStream.range(firstOrder, firstOrder + orders)
            .mapToObj(id -> "(" + id + ", 1, 'NEW', 1.50, 3, 'n" + id + "')")
            .collect(Collectors.joining(","));
    sql.sql("INSERT INTO " + table + " VALUES " + values);
  }

  static List<String> keys(long first, int count) {
    return LongStream.range(first, first + count).mapToObj(Long::toString).toList();
  }

  /** The document of entity {@code id} through the alias (tombstones included), once it passes. */
  JsonNode awaitDocument(String id, Predicate<JsonNode> done) {
    return await("document " + id + " as expected")
        .atMost(WAIT)
        .failFast("the pipeline failed", this::failIfFailed)
        .until(() -> es.document(pipeline.elasticsearch().index(), id), done::test);
  }

  static boolean live(JsonNode doc) {
    return doc.path("found").asBoolean()
        && !doc.path("_source").path("widerow_deleted").asBoolean();
  }

  /**
   * Marks the end of a test's writes with an update of {@code marker} and waits until the index
   * shows it and the merger and the indexer have nothing left: ingest reads the binlog in order, so
   * every earlier change is then indexed too.
   */
  void awaitCaughtUp(String table, long marker) throws Exception {
    String status = "M" + ThreadLocalRandom.current().nextInt(1_000_000);
    sql.sql(
        "UPDATE "
            + table
            + " SET version = version + 1, status = '"
            + status
            + "' WHERE order_id = "
            + marker);
    awaitDocument(
        String.valueOf(marker), d -> status.equals(d.path("_source").path("status").asText()));
    awaitIdle();
  }

  void awaitIdle() {
    await("pipeline idle")
        .atMost(WAIT)
        .failFast("the pipeline failed", this::failIfFailed)
        .until(idle::isIdle);
  }

  record Verify(int exit, String out) {
    List<String> differences() {
      return out.lines().filter(l -> l.matches("^[A-Z_]+ key=.*")).toList();
    }
  }

  Verify verify(List<String> keys, String... extra) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cli = new CommandLine(new VerifyCommand(sql.environment()));
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    List<String> args =
        new ArrayList<>(List.of("--pipeline", file.toString(), "--keys", String.join(",", keys)));
    args.addAll(List.of(extra));
    int exit = cli.execute(args.toArray(String[]::new));
    System.out.println("verify " + String.join(" ", extra) + " -> " + exit + "\n" + out + err);
    return new Verify(exit, out.toString());
  }

  /** Verify with --repair, then waits until the re-published keys are indexed. */
  void repair(List<String> keys) {
    verify(keys, "--repair");
    awaitIdle();
  }

  /** Stops the three services and starts them again, as a redeploy would. */
  void restart() throws Exception {
    services.close();
    services = new LocalPipeline(pipeline, sql.environment()::get, 0);
    services.start();
  }

  void failIfFailed() {
    Throwable failure = services.failure();
    if (failure != null) {
      throw new IllegalStateException("the pipeline failed: " + failure, failure);
    }
  }

  @Override
  public void close() {
    services.close();
    idle.close();
  }

  private String yaml() {
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
        tables:
          orders:
            physical: '%1$s_\\d+\\.orders_\\d+'
            key: order_id
            primaryKey: [order_id]
            cardinality: one
            root: true
            version: {column: version}
          order_item:
            physical: '%1$s_\\d+\\.order_item_\\d+'
            key: order_id
            primaryKey: [item_id]
            cardinality: many
            version: {column: version}
        hbase:
          zookeeper: %6$s
          namespace: widerow_it
          table: %1$s
          saltBuckets: 2
        kafka:
          bootstrap: %7$s
          topicPrefix: widerow_it
          partitions: 2
          topics:
            changes: {replicationFactor: 1, minInsyncReplicas: 1}
            keys: {replicationFactor: 1, minInsyncReplicas: 1}
            deadLetters: {replicationFactor: 1, minInsyncReplicas: 1}
        elasticsearch:
          hosts: [%8$s]
          index: %1$s
          shards: 1
          replicas: 0
          fields:
            order_id: {from: orders.order_id, type: keyword}
            status: {from: orders.status, type: keyword}
            total: {from: orders.total, type: double}
            qty: {from: orders.qty, type: long}
            skus: {from: order_item.sku, type: keyword}
        """
        .formatted(
            sql.name,
            stack.mariadbHost(),
            stack.mariadbPort(),
            stack.cdcUser(),
            30_000 + ThreadLocalRandom.current().nextInt(1_000_000),
            stack.hbaseZookeeperQuorum(),
            stack.kafkaBootstrap(),
            stack.elasticsearchUrl());
  }
}
