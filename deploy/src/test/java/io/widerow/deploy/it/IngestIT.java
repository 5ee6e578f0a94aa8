package io.widerow.deploy.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.codahale.metrics.MetricRegistry;
import com.codahale.metrics.health.HealthCheckRegistry;
import io.widerow.common.hbase.HBaseWideRowStore;
import io.widerow.common.kafka.KafkaClients;
import io.widerow.common.pipeline.Pipeline;
import io.widerow.common.pipeline.PipelineLoader;
import io.widerow.common.row.KeyMessage;
import io.widerow.common.row.SourceRow;
import io.widerow.common.row.WideRow;
import io.widerow.common.row.WideRowStore;
import io.widerow.common.rowkey.RowKeyCodec;
import io.widerow.common.service.ServiceLifecycle;
import io.widerow.deploy.stack.Deadline;
import io.widerow.deploy.stack.StackEndpoints;
import io.widerow.ingest.IngestService;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * IngestService against the real stack: a snapshot of existing rows, then streamed inserts,
 * updates, deletes and a row moving to another entity land in HBase as cells at their versions, and
 * every key on the changes topic can be read back from HBase the moment it is seen.
 */
@ExtendWith(LocalStackExtension.class)
class IngestIT {

  private static final Logger LOG = LoggerFactory.getLogger(IngestIT.class);
  private static final Duration WAIT = Duration.ofSeconds(120);
  private static final String DB = "ingest_it_0";

  @Test
  void snapshotAndStreamedChangesLandInHBaseBeforeTheirKeysArePublished(StackEndpoints stack)
      throws Exception {
    String name = "ingest_it_" + Long.toString(System.currentTimeMillis(), 36);
    sql(
        stack,
        "DROP DATABASE IF EXISTS " + DB,
        "CREATE DATABASE " + DB,
        "CREATE TABLE "
            + DB
            + ".orders_0 (order_id BIGINT PRIMARY KEY, status VARCHAR(20),"
            + " total DECIMAL(10,2), created_at DATETIME(3), paid_at TIMESTAMP(3) NULL,"
            + " note JSON, photo BLOB, version BIGINT NOT NULL)",
        "CREATE TABLE "
            + DB
            + ".order_item_0 (item_id BIGINT PRIMARY KEY, order_id BIGINT NULL,"
            + " sku VARCHAR(40), quantity INT, secret VARCHAR(40), version BIGINT NOT NULL)",
        "INSERT INTO "
            + DB
            + ".orders_0 VALUES (1, 'NEW', 9.50, '2024-05-01 10:00:00.123',"
            + " '2024-05-01 10:00:01.000', '{\"gift\": true}', x'010203', 1)",
        "INSERT INTO "
            + DB
            + ".order_item_0 VALUES (10, 1, 'SKU-10', 1, 's', 1),"
            + " (11, 1, 'SKU-11', 2, 's', 1)");
    Pipeline pipeline = PipelineLoader.parse(yaml(name, stack), "IngestIT", Map.of());
    RowKeyCodec rowkeys = RowKeyCodec.of(pipeline.hbase());
    String order1 = rowkeys.encode("1");
    String order2 = rowkeys.encode("2");
    IngestService ingest =
        new IngestService(
            pipeline,
            new MetricRegistry(),
            new HealthCheckRegistry(),
            Map.of("WIDEROW_IT_CDC_PASSWORD", stack.cdcPassword())::get);
    try (WideRowStore hbase = HBaseWideRowStore.open(pipeline.hbase());
        KafkaConsumer<byte[], byte[]> changes = consumer(stack, pipeline.topics().changes());
        KafkaConsumer<byte[], byte[]> dlq = consumer(stack, pipeline.topics().dlq())) {
      long started = System.nanoTime();
      ingest.start();

      // Snapshot: the rows that existed before the engine's first start.
      WideRow snapshot =
          awaitRow(
              ingest,
              hbase,
              order1,
              r -> r.one("orders").isPresent() && r.many("order_item").size() == 2);
      LOG.info("snapshot of 3 rows in HBase {} ms after start", millisSince(started));
      Map<String, Object> order = snapshot.one("orders").orElseThrow().columns();
      assertThat(snapshot.one("orders").orElseThrow().version()).isEqualTo(1);
      assertThat(order)
          .containsEntry("status", "NEW")
          .containsEntry("total", "9.50")
          .containsEntry("created_at", 1_714_557_600_123L)
          .containsEntry("photo", "AQID")
          .containsEntry("note", "{\"gift\": true}");
      assertThat((String) order.get("paid_at")).startsWith("2024-05-01T");
      assertThat(snapshot.many("order_item"))
          .extracting(SourceRow::childKey)
          .containsExactly("10", "11");
      assertThat(snapshot.many("order_item").get(0).columns())
          .containsOnlyKeys("item_id", "order_id", "sku", "quantity", "version");
      List<KeyMessage> keys = new ArrayList<>();
      awaitKeys(ingest, changes, hbase, keys, k -> k.contains(order1));

      // Streaming: insert, update, delete, and a child moving to another order.
      long streamed = System.nanoTime();
      sql(
          stack,
          "INSERT INTO "
              + DB
              + ".orders_0 (order_id, status, total, version) VALUES (2, 'NEW', 1.00, 1)",
          "INSERT INTO " + DB + ".order_item_0 VALUES (20, 2, 'SKU-20', 1, 's', 1)",
          "UPDATE " + DB + ".orders_0 SET status = 'PAID', version = 2 WHERE order_id = 1",
          "DELETE FROM " + DB + ".order_item_0 WHERE item_id = 11",
          "UPDATE " + DB + ".order_item_0 SET order_id = 2, version = 2 WHERE item_id = 10");
      WideRow moved = awaitRow(ingest, hbase, order2, r -> r.many("order_item").size() == 2);
      LOG.info("5 streamed changes in HBase {} ms after the last commit", millisSince(streamed));
      assertThat(moved.one("orders").orElseThrow().columns()).containsEntry("status", "NEW");
      assertThat(moved.many("order_item"))
          .extracting(SourceRow::childKey)
          .containsExactly("10", "20");
      assertThat(moved.many("order_item").get(0).version()).isEqualTo(2);

      WideRow paid =
          awaitRow(
              ingest,
              hbase,
              order1,
              r -> r.many("order_item").isEmpty() && r.one("orders").orElseThrow().version() == 2);
      assertThat(paid.one("orders").orElseThrow().columns()).containsEntry("status", "PAID");
      // The deleted and the moved-away child stay as tombstones, above any late older event.
      assertThat(paid.cells().get("order_item#11"))
          .isEqualTo(SourceRow.tombstone("order_item", "11", 2));
      assertThat(paid.cells().get("order_item#10"))
          .isEqualTo(SourceRow.tombstone("order_item", "10", 2));
      awaitKeys(
          ingest,
          changes,
          hbase,
          keys,
          k -> k.contains(order2) && k.stream().filter(order1::equals).count() >= 2);

      // A record error is dead-lettered and the pipeline moves on.
      sql(
          stack,
          "INSERT INTO " + DB + ".order_item_0 VALUES (30, NULL, 'SKU-30', 1, 's', 1)",
          "INSERT INTO "
              + DB
              + ".orders_0 (order_id, status, total, version) VALUES (3, 'NEW', 3.00, 1)");
      awaitRow(ingest, hbase, rowkeys.encode("3"), r -> r.one("orders").isPresent());
      ConsumerRecord<byte[], byte[]> letter = awaitOne(dlq);
      assertThat(header(letter, "widerow.reason"))
          .isEqualTo("order_item: key column 'order_id' is null in the 'after' row");
      assertThat(header(letter, "widerow.where")).startsWith("it:" + DB + ".order_item_0@");
      assertThat(ingest.metrics().recordErrorCount()).isEqualTo(1);
    } finally {
      long stopping = System.nanoTime();
      ingest.stop();
      LOG.info("ingest stopped in {} ms", millisSince(stopping));
    }
    assertThat(ingest.state()).isEqualTo(ServiceLifecycle.State.STOPPED);
  }

  private static WideRow awaitRow(
      IngestService ingest, WideRowStore hbase, String rowkey, Predicate<WideRow> done)
      throws Exception {
    WideRow[] last = new WideRow[1];
    Deadline.after(WAIT)
        .await(
            "row " + rowkey + " as expected",
            Duration.ofMillis(100),
            () -> failIfStopped(ingest),
            () -> {
              last[0] = hbase.read(List.of(rowkey)).get(0);
              return done.test(last[0]);
            });
    return last[0];
  }

  /**
   * Collects keys from the changes topic; each one's row must already be in HBase when the key is
   * seen (invariant 3: ingest publishes only what HBase acknowledged).
   */
  private static void awaitKeys(
      IngestService ingest,
      KafkaConsumer<byte[], byte[]> changes,
      WideRowStore hbase,
      List<KeyMessage> keys,
      Predicate<List<String>> done)
      throws Exception {
    Deadline.after(WAIT)
        .await(
            "keys on the changes topic",
            Duration.ofMillis(1),
            () -> failIfStopped(ingest),
            () -> {
              for (ConsumerRecord<byte[], byte[]> r : changes.poll(Duration.ofMillis(200))) {
                KeyMessage key = KeyMessage.decode(r.key(), r.value());
                assertThat(key.sourceTsMs()).isPositive();
                assertThat(hbase.read(List.of(key.rowkey())).get(0).cells()).isNotEmpty();
                keys.add(key);
              }
              return done.test(keys.stream().map(KeyMessage::rowkey).toList());
            });
  }

  private static ConsumerRecord<byte[], byte[]> awaitOne(KafkaConsumer<byte[], byte[]> consumer)
      throws Exception {
    List<ConsumerRecord<byte[], byte[]>> seen = new ArrayList<>();
    Deadline.after(WAIT)
        .await(
            "a dead letter",
            Duration.ofMillis(1),
            () -> {},
            () -> {
              consumer.poll(Duration.ofMillis(200)).forEach(seen::add);
              return !seen.isEmpty();
            });
    assertThat(seen).hasSize(1);
    return seen.get(0);
  }

  private static void failIfStopped(IngestService ingest) {
    if (ingest.state() == ServiceLifecycle.State.FAILED
        || ingest.state() == ServiceLifecycle.State.STOPPED) {
      throw new IllegalStateException("ingest is " + ingest.state());
    }
  }

  private static KafkaConsumer<byte[], byte[]> consumer(StackEndpoints stack, String topic) {
    String group = "ingest-it-" + ThreadLocalRandom.current().nextInt(1_000_000);
    KafkaConsumer<byte[], byte[]> consumer =
        KafkaClients.consumer(stack.kafkaBootstrap(), group, group, 500);
    consumer.subscribe(List.of(topic));
    return consumer;
  }

  private static String header(ConsumerRecord<byte[], byte[]> record, String name) {
    Header header = record.headers().lastHeader(name);
    return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
  }

  private static long millisSince(long nanos) {
    return (System.nanoTime() - nanos) / 1_000_000;
  }

  private static void sql(StackEndpoints stack, String... statements) throws Exception {
    try (Connection c =
            DriverManager.getConnection(
                stack.mariadbJdbcUrl(), stack.mariadbRootUser(), stack.mariadbRootPassword());
        Statement s = c.createStatement()) {
      for (String statement : statements) {
        s.execute(statement);
      }
    }
  }

  private static String yaml(String name, StackEndpoints stack) {
    return """
        pipeline: %1$s
        sources:
          - name: it
            connector: mariadb
            host: %2$s
            port: %3$d
            user: %4$s
            passwordEnv: WIDEROW_IT_CDC_PASSWORD
            serverId: %5$d
            databases: [%6$s]
        tables:
          orders:
            physical: '%6$s\\.orders_\\d+'
            key: order_id
            primaryKey: [order_id]
            cardinality: one
            root: true
            version: {column: version}
          order_item:
            physical: '%6$s\\.order_item_\\d+'
            key: order_id
            primaryKey: [item_id]
            cardinality: many
            version: {column: version}
            columns: [item_id, order_id, sku, quantity, version]
        hbase:
          zookeeper: %7$s
          namespace: widerow_it
          table: %1$s
          saltBuckets: 4
        kafka:
          bootstrap: %8$s
          topicPrefix: widerow_it
          partitions: 2
        elasticsearch:
          hosts: [%9$s]
          index: %1$s
          shards: 1
          replicas: 0
          fields:
            order_id: {from: orders.order_id, type: keyword}
        """
        .formatted(
            name,
            stack.mariadbHost(),
            stack.mariadbPort(),
            stack.cdcUser(),
            6000 + ThreadLocalRandom.current().nextInt(1000),
            DB,
            stack.hbaseZookeeperQuorum(),
            stack.kafkaBootstrap(),
            stack.elasticsearchUrl());
  }
}
