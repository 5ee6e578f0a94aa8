package io.widerow.verify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.codahale.metrics.Counter;
import io.widerow.core.document.BuildOutcome;
import io.widerow.core.document.DocumentBuilder;
import io.widerow.core.document.IndexAction;
import io.widerow.core.index.IndexLayout;
import io.widerow.core.pipeline.Pipeline;
import io.widerow.core.pipeline.PipelineLoader;
import io.widerow.core.retry.RetrySettings;
import io.widerow.core.row.RowWrite;
import io.widerow.core.row.SourceRow;
import io.widerow.core.row.WideRow;
import io.widerow.core.row.WideRowStore;
import io.widerow.core.rowkey.RowKeyCodec;
import io.widerow.hbase.HBaseWideRowStore;
import io.widerow.indexer.elasticsearch.ElasticsearchDocumentIndex;
import io.widerow.kafka.KafkaClients;
import io.widerow.kafka.PipelineTopics;
import io.widerow.stack.StackEndpoints;
import io.widerow.testkit.EsRest;
import io.widerow.testkit.HBaseTables;
import io.widerow.testkit.LocalStackExtension;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import picocli.CommandLine;

/**
 * {@code widerow verify} on the real stack: a tiny sharded schema in MariaDB, matching rows written
 * straight into HBase and documents into Elasticsearch, then one corruption of each kind found, and
 * the HBase ones repaired with their keys re-published to the changes topic.
 */
@ExtendWith(LocalStackExtension.class)
class VerifyIT {

  private static final Duration WAIT = Duration.ofSeconds(60);
  private static final long CREATED_AT_MS = 1_714_557_600_123L; // 2024-05-01 10:00:00.123 UTC

  /**
   * A fraction under 100 ms: Connector/J's getString once read '.003' as '.3000', and verify
   * reported every such row as stale.
   */
  private static final long CREATED_AT_SMALL_FRACTION_MS = 1_714_557_600_003L;

  private StackEndpoints stack;
  private Pipeline pipeline;
  private String database;
  private Path dir;

  @Test
  void findsEachKindOfDifferenceAndRepairsHBase(StackEndpoints stack) throws Exception {
    this.stack = stack;
    String name = "verify_it_" + Long.toString(System.currentTimeMillis(), 36);
    database = name;
    createSchema();
    dir = Files.createTempDirectory("verify-it-");
    Path file = dir.resolve("pipeline.yaml");
    Files.writeString(
        file,
        VerifyPipelines.yaml(
            name,
            database,
            stack.hbaseZookeeperQuorum(),
            stack.kafkaBootstrap(),
            stack.elasticsearchUrl(),
            stack.mariadbHost(),
            stack.mariadbPort()));
    pipeline = PipelineLoader.load(file);
    PipelineTopics.ensure(pipeline);
    RowKeyCodec rowkeys = RowKeyCodec.of(pipeline.hbase());

    try (WideRowStore store = HBaseWideRowStore.open(pipeline.hbase());
        ElasticsearchDocumentIndex index =
            ElasticsearchDocumentIndex.open(
                pipeline.elasticsearch(), RetrySettings.DEFAULT, new Counter())) {
      index.ensureExists();
      writeMatchingRowsAndDocuments(store, index, rowkeys);

      Run clean = verify(file);
      assertThat(clean.exit()).as(clean.out()).isZero();
      assertThat(clean.out()).contains("summary: entities=7 differences=0");

      sql(
          "INSERT INTO "
              + database
              + ".orders_1 VALUES ('A5', 'NEW', 5.00, '2024-05-01 10:00:00.123', 1)",
          "INSERT INTO " + database + ".items_0 VALUES (13, 'A1', 'SKU-13', 3.00, 'x', 1)",
          "UPDATE " + database + ".orders_0 SET status = 'PAID', version = 2 WHERE order_id = 'A2'",
          "DELETE FROM " + database + ".items_0 WHERE item_id = 12");
      store.write(
          List.of(
              new RowWrite(rowkeys.encode("Z9"), order("Z9", "GHOST", "1.00", 4)),
              new RowWrite(rowkeys.encode("A4"), SourceRow.tombstone("orders", null, 1))));
      index.write(
          List.of(
              new IndexAction.Upsert(
                  "A6",
                  rowkeys.encode("A6"),
                  50,
                  Map.of("rowkey", rowkeys.encode("A6"), "status", "WRONG")),
              new IndexAction.Delete("A7", rowkeys.encode("A7"), 50),
              new IndexAction.Upsert(
                  "Z8",
                  rowkeys.encode("Z8"),
                  1,
                  Map.of("rowkey", rowkeys.encode("Z8"), "order_id", "Z8"))));
      new EsRest(stack.elasticsearchUrl())
          .refresh(
              IndexLayout.physicalIndex(pipeline.elasticsearch(), IndexLayout.FIRST_GENERATION));

      Run dirty = verify(file);
      assertThat(dirty.exit()).isEqualTo(VerifyCommand.DIFFERENCES);
      assertThat(dirty.out())
          .contains(
              "MISSING_ROW key=A5",
              "MISSING_DOC key=A5",
              "MISSING_CELL key=A1 rowkey=" + rowkeys.encode("A1") + " at=d:items#13",
              "STALE_CELL key=A2 rowkey="
                  + rowkeys.encode("A2")
                  + " at=d:orders source=2 hbase=1 (columns status,version)",
              "EXTRA_CELL key=A3 rowkey=" + rowkeys.encode("A3") + " at=d:items#12",
              "EXTRA_ENTITY key=Z9",
              "TOMBSTONED_CELL key=A4",
              "STALE_DOC key=A6",
              "(re-index refused until m:v passes 50)",
              "MISSING_DOC key=A7",
              "EXTRA_DOC key=Z8")
          .doesNotContain("GHOST", "SKU-13", "WRONG");

      Set<String> expectedKeys = new HashSet<>();
      for (String key : List.of("A1", "A2", "A3", "A4", "A5", "Z9", "A6", "A7", "Z8")) {
        expectedKeys.add(rowkeys.encode(key));
      }
      try (KafkaConsumer<byte[], byte[]> changes = changesConsumer()) {
        Run repair = verify(file, "--repair");
        assertThat(repair.exit()).isEqualTo(VerifyCommand.DIFFERENCES);
        assertThat(repair.out()).contains("keys re-published=9", "not repairable=0");
        awaitKeys(changes, expectedKeys);
      }
      // The documents stored at version 50 refuse any re-index at m:v <= 50: the repair raised
      // m:v to 50, so the merger's next bump (51) passes them.
      for (WideRow row : store.read(List.of(rowkeys.encode("A6"), rowkeys.encode("A7")))) {
        assertThat(row.version()).as(row.rowkey()).isEqualTo(50);
      }

      Run after = verify(file);
      assertThat(after.out())
          .doesNotContain(
              "MISSING_ROW",
              "MISSING_CELL",
              "STALE_CELL",
              "EXTRA_CELL",
              "EXTRA_ENTITY",
              "TOMBSTONED_CELL");
      Run onlyKeys = verify(file, "--keys", "A1,A2,A4");
      assertThat(onlyKeys.out()).contains("summary: entities=3");
    }
  }

  @AfterEach
  void dropEverything() throws Exception {
    if (pipeline != null) {
      HBaseTables.drop(pipeline.hbase());
      new EsRest(stack.elasticsearchUrl())
          .deleteIndex(
              IndexLayout.physicalIndex(pipeline.elasticsearch(), IndexLayout.FIRST_GENERATION));
    }
    if (database != null) {
      sql("DROP DATABASE IF EXISTS " + database);
    }
    if (dir != null) {
      Files.deleteIfExists(dir.resolve("pipeline.yaml"));
      Files.deleteIfExists(dir);
    }
  }

  private void createSchema() throws Exception {
    String orders =
        " (order_id VARCHAR(32) PRIMARY KEY, status VARCHAR(16), total DECIMAL(10,2),"
            + " created_at DATETIME(3), version BIGINT NOT NULL)";
    sql(
        "DROP DATABASE IF EXISTS " + database,
        "CREATE DATABASE " + database,
        "CREATE TABLE " + database + ".orders_0" + orders,
        "CREATE TABLE " + database + ".orders_1" + orders,
        "CREATE TABLE "
            + database
            + ".items_0 (item_id BIGINT PRIMARY KEY, order_id VARCHAR(32),"
            + " sku VARCHAR(32), price DECIMAL(10,2), secret VARCHAR(10), version BIGINT NOT NULL)",
        "CREATE TABLE "
            + database
            + ".notes_0 (order_id VARCHAR(32) PRIMARY KEY, text VARCHAR(64))",
        "INSERT INTO "
            + database
            + ".orders_0 VALUES"
            + " ('A1', 'PAID', 9.50, '2024-05-01 10:00:00.123', 2),"
            + " ('A2', 'NEW', 1.00, '2024-05-01 10:00:00.123', 1),"
            + " ('A6', 'NEW', 6.00, '2024-05-01 10:00:00.123', 1)",
        "INSERT INTO "
            + database
            + ".orders_1 VALUES"
            + " ('A3', 'NEW', 3.00, '2024-05-01 10:00:00.123', 3),"
            + " ('A4', 'NEW', 4.00, '2024-05-01 10:00:00.123', 1),"
            + " ('A7', 'NEW', 7.00, '2024-05-01 10:00:00.003', 1)",
        "INSERT INTO "
            + database
            + ".items_0 VALUES (10, 'A1', 'SKU-10', 1.50, 's', 1),"
            + " (11, 'A1', 'SKU-11', 2.50, 's', 1), (12, 'A3', 'SKU-12', 0.99, 's', 1)",
        "INSERT INTO " + database + ".notes_0 VALUES ('A2', 'fragile'), ('B1', 'orphan note')");
  }

  /** What ingest, merger and indexer would have made of the rows above. */
  private void writeMatchingRowsAndDocuments(
      WideRowStore store, ElasticsearchDocumentIndex index, RowKeyCodec rowkeys) throws Exception {
    Map<String, List<SourceRow>> rows = new LinkedHashMap<>();
    rows.put(
        "A1",
        List.of(
            order("A1", "PAID", "9.50", 2),
            item(10, "A1", "SKU-10", "1.50"),
            item(11, "A1", "SKU-11", "2.50")));
    rows.put("A2", List.of(order("A2", "NEW", "1.00", 1), note("A2", "fragile")));
    rows.put("A3", List.of(order("A3", "NEW", "3.00", 3), item(12, "A3", "SKU-12", "0.99")));
    rows.put("A4", List.of(order("A4", "NEW", "4.00", 1)));
    rows.put("A6", List.of(order("A6", "NEW", "6.00", 1)));
    rows.put("A7", List.of(order("A7", "NEW", "7.00", 1, CREATED_AT_SMALL_FRACTION_MS)));
    rows.put("B1", List.of(note("B1", "orphan note")));
    List<RowWrite> writes = new ArrayList<>();
    rows.forEach(
        (key, list) -> list.forEach(r -> writes.add(new RowWrite(rowkeys.encode(key), r))));
    store.write(writes);
    store.bumpVersions(rows.keySet().stream().map(rowkeys::encode).toList());
    DocumentBuilder builder = new DocumentBuilder(pipeline, rowkeys::decode);
    List<IndexAction> actions = new ArrayList<>();
    for (var row : store.read(rows.keySet().stream().map(rowkeys::encode).toList())) {
      actions.add(((BuildOutcome.Ready) builder.build(row)).action());
    }
    assertThat(index.write(actions).rejected()).isEmpty();
  }

  private static SourceRow order(String key, String status, String total, long version) {
    return order(key, status, total, version, CREATED_AT_MS);
  }

  private static SourceRow order(
      String key, String status, String total, long version, long createdAtMs) {
    Map<String, Object> c = new LinkedHashMap<>();
    c.put("order_id", key);
    c.put("status", status);
    c.put("total", total);
    c.put("created_at", createdAtMs);
    c.put("version", version);
    return SourceRow.live("orders", null, version, c);
  }

  private static SourceRow item(long id, String key, String sku, String price) {
    return SourceRow.live(
        "items",
        String.valueOf(id),
        1,
        Map.of("item_id", id, "order_id", key, "sku", sku, "price", price, "version", 1L));
  }

  /** A binlog-versioned table: verify compares its content only. */
  private static SourceRow note(String key, String text) {
    return SourceRow.live("notes", null, 7, Map.of("order_id", key, "text", text));
  }

  private record Run(int exit, String out) {}

  private Run verify(Path file, String... extra) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cli =
        new CommandLine(
            new VerifyCommand(Map.of("VERIFY_TEST_PASSWORD", stack.mariadbRootPassword())));
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    List<String> args = new ArrayList<>(List.of("--pipeline", file.toString(), "--batch", "3"));
    args.addAll(List.of(extra));
    int exit = cli.execute(args.toArray(String[]::new));
    System.out.println("verify " + args + " -> " + exit + "\n" + out + err);
    return new Run(exit, out.toString());
  }

  private KafkaConsumer<byte[], byte[]> changesConsumer() {
    KafkaConsumer<byte[], byte[]> consumer =
        KafkaClients.consumer(
            stack.kafkaBootstrap(), pipeline.name() + "-reader", "verify-it", 500);
    consumer.subscribe(List.of(pipeline.topics().changes()));
    return consumer;
  }

  private static void awaitKeys(KafkaConsumer<byte[], byte[]> consumer, Set<String> expected) {
    Set<String> seen = new HashSet<>();
    await("re-published keys " + expected)
        .atMost(WAIT)
        .pollInSameThread() // the consumer belongs to this thread
        .pollInterval(Duration.ofMillis(10)) // the poll itself waits up to 200 ms
        .until(
            () -> {
              for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                seen.add(new String(r.key(), StandardCharsets.UTF_8));
              }
              return seen;
            },
            keys -> keys.containsAll(expected));
    assertThat(seen).isEqualTo(expected);
  }

  private void sql(String... statements) throws Exception {
    try (Connection c =
            DriverManager.getConnection(
                stack.mariadbJdbcUrl(), stack.mariadbRootUser(), stack.mariadbRootPassword());
        Statement s = c.createStatement()) {
      for (String statement : statements) {
        s.execute(statement);
      }
    }
  }
}
