package io.widerow.ingest;

import static io.widerow.ingest.IngestFixture.DB;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.widerow.core.row.KeyMessage;
import io.widerow.core.row.SourceRow;
import io.widerow.core.row.WideRow;
import io.widerow.core.service.ServiceLifecycle;
import io.widerow.stack.StackEndpoints;
import io.widerow.testkit.LocalStackExtension;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * IngestService against the real stack: a snapshot of existing rows, then streamed inserts,
 * updates, deletes and a child moving to another entity land in HBase as cells at their versions;
 * every key on the changes topic can be read back from HBase the moment it is seen; a restart
 * resumes from the committed offsets without a new snapshot.
 */
@ExtendWith(LocalStackExtension.class)
class IngestIT {

  private static final Logger LOG = LoggerFactory.getLogger(IngestIT.class);

  /** Enough orders (three rows each) that the snapshot spans many batches. */
  private static final int SNAPSHOT_ORDERS = 20_000;

  @Test
  void snapshotAndStreamedChangesLandInHBaseBeforeTheirKeysArePublished(StackEndpoints stack)
      throws Exception {
    try (IngestFixture it = new IngestFixture(stack)) {
      createSchemaWithOneOrder(it);
      Set<String> threadsBefore = kafkaClientThreads();
      IngestService ingest = it.newIngest();
      try {
        long started = System.nanoTime();
        ingest.start();
        assertSnapshot(it, ingest);
        LOG.info("snapshot of 3 rows in HBase {} ms after start", millisSince(started));

        long streamed = System.nanoTime();
        it.sql(
            "INSERT INTO "
                + DB
                + ".orders_0 (order_id, status, total, version)"
                + " VALUES (2, 'NEW', 1.00, 1)",
            "INSERT INTO " + DB + ".order_item_0 VALUES (20, 2, 'SKU-20', 1, 's', 1)",
            "UPDATE " + DB + ".orders_0 SET status = 'PAID', version = 2 WHERE order_id = 1",
            "DELETE FROM " + DB + ".order_item_0 WHERE item_id = 11",
            "UPDATE " + DB + ".order_item_0 SET order_id = 2, version = 2 WHERE item_id = 10");
        assertStreamedChanges(it, ingest);
        LOG.info("5 streamed changes in HBase {} ms after the last commit", millisSince(streamed));

        it.sql(
            "INSERT INTO " + DB + ".order_item_0 VALUES (30, NULL, 'SKU-30', 1, 's', 1)",
            "INSERT INTO "
                + DB
                + ".orders_0 (order_id, status, total, version)"
                + " VALUES (3, 'NEW', 3.00, 1)");
        assertRecordErrorIsDeadLettered(it, ingest);
      } finally {
        stopAndLog(ingest);
      }
      assertThat(ingest.state()).isEqualTo(ServiceLifecycle.State.STOPPED);
      assertNoKafkaClientLeftBehind(threadsBefore);

      it.sql(
          "INSERT INTO "
              + DB
              + ".orders_0 (order_id, status, total, version)"
              + " VALUES (4, 'NEW', 4.00, 1)",
          "UPDATE " + DB + ".orders_0 SET status = 'SHIPPED', version = 3 WHERE order_id = 1");
      assertRestartResumesWithoutSnapshot(it);
    }
  }

  /**
   * An initial snapshot holds its keys until it ends; one stopped half-way is taken again from the
   * start on restart, so the keys it held are not lost, and each entity's key is published once.
   */
  @Test
  void interruptedSnapshotIsTakenAgainAndPublishesEachKeyOnce(StackEndpoints stack)
      throws Exception {
    try (IngestFixture it = new IngestFixture(stack)) {
      createSchemaWithOneOrder(it);
      it.sql(
          "INSERT INTO "
              + DB
              + ".orders_0 (order_id, status, total, version)"
              + " SELECT seq, 'NEW', 1.00, 1 FROM "
              + DB
              + ".seq_2_to_"
              + SNAPSHOT_ORDERS,
          "INSERT INTO "
              + DB
              + ".order_item_0 SELECT 1000000 + seq, seq, 'SKU', 1, 's', 1 FROM "
              + DB
              + ".seq_2_to_"
              + SNAPSHOT_ORDERS,
          "INSERT INTO "
              + DB
              + ".order_item_0 SELECT 2000000 + seq, seq, 'SKU', 1, 's', 1 FROM "
              + DB
              + ".seq_2_to_"
              + SNAPSHOT_ORDERS);
      long rows = 3L * SNAPSHOT_ORDERS;

      IngestService first = it.newIngest();
      try {
        first.start();
        await("the snapshot holding keys")
            .atMost(Duration.ofSeconds(120))
            .pollInterval(Duration.ofMillis(5))
            .until(() -> first.metrics().snapshotKeysHeld() > 0);
      } finally {
        stopAndLog(first);
      }
      // An open snapshot transaction would keep its tables locked against DDL on the source.
      await("the stopped ingest's source connections closing")
          .atMost(Duration.ofSeconds(30))
          .pollInterval(Duration.ofMillis(10))
          .until(it::cdcSessions, sessions -> sessions == 0);
      assertThat(first.metrics().stage().received())
          .as("the first run was stopped before the snapshot ended")
          .isLessThan(rows);
      assertThat(first.metrics().stage().delivered()).isZero();

      IngestService again = it.newIngest();
      try {
        again.start();
        it.awaitKeys(again, snapshotCells());
        it.awaitKeys(again, Map.of()); // one more poll: whatever else was published with them
        assertThat(again.metrics().stage().received())
            .as("the snapshot was taken again from the start")
            .isGreaterThanOrEqualTo(rows);
      } finally {
        stopAndLog(again);
      }
      List<String> published = it.keys.stream().map(KeyMessage::rowkey).toList();
      assertThat(published).hasSize(SNAPSHOT_ORDERS).doesNotHaveDuplicates();
      assertThat(published).contains(it.rowkey(1), it.rowkey(SNAPSHOT_ORDERS));
    }
  }

  /** Every snapshotted order with its two items, all at version 1, as the SQL above wrote them. */
  private static Map<Long, Map<String, Long>> snapshotCells() {
    Map<Long, Map<String, Long>> expected = new HashMap<>();
    expected.put(1L, Map.of("orders", 1L, "order_item#10", 1L, "order_item#11", 1L));
    for (long order = 2; order <= SNAPSHOT_ORDERS; order++) {
      expected.put(
          order,
          Map.of(
              "orders",
              1L,
              "order_item#" + (1000000 + order),
              1L,
              "order_item#" + (2000000 + order),
              1L));
    }
    return expected;
  }

  private static void createSchemaWithOneOrder(IngestFixture it) throws Exception {
    it.sql(
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
  }

  /*
   * Each phase waits for its keys first, while the changes are still landing: a key is judged
   * against HBase when it is read, and a row already awaited would make any key look in time.
   */

  private static void assertSnapshot(IngestFixture it, IngestService ingest) throws Exception {
    it.awaitKeys(
        ingest, Map.of(1L, Map.of("orders", 1L, "order_item#10", 1L, "order_item#11", 1L)));
    WideRow snapshot =
        it.awaitRow(
            ingest, 1, r -> r.one("orders").isPresent() && r.many("order_item").size() == 2);
    SourceRow order = snapshot.one("orders").orElseThrow();
    assertThat(order.version()).isEqualTo(1);
    assertThat(order.columns())
        .containsEntry("status", "NEW")
        .containsEntry("total", "9.50")
        .containsEntry("created_at", 1_714_557_600_123L)
        .containsEntry("photo", "AQID")
        .containsEntry("note", "{\"gift\": true}");
    assertThat((String) order.columns().get("paid_at")).startsWith("2024-05-01T");
    assertThat(snapshot.many("order_item"))
        .extracting(SourceRow::childKey)
        .containsExactly("10", "11");
    assertThat(snapshot.many("order_item").get(0).columns())
        .containsOnlyKeys("item_id", "order_id", "sku", "quantity", "version");
  }

  private static void assertStreamedChanges(IngestFixture it, IngestService ingest)
      throws Exception {
    // Order 1 was snapshotted: only the versions tell its streamed key from an early one.
    it.awaitKeys(
        ingest,
        Map.of(
            2L, Map.of("orders", 1L, "order_item#20", 1L, "order_item#10", 2L),
            1L, Map.of("orders", 2L, "order_item#10", 2L, "order_item#11", 2L)));
    WideRow two = it.awaitRow(ingest, 2, r -> r.many("order_item").size() == 2);
    assertThat(two.one("orders").orElseThrow().columns()).containsEntry("status", "NEW");
    assertThat(two.many("order_item")).extracting(SourceRow::childKey).containsExactly("10", "20");
    assertThat(two.many("order_item").get(0).version()).isEqualTo(2);

    WideRow one =
        it.awaitRow(
            ingest,
            1,
            r -> r.many("order_item").isEmpty() && r.one("orders").orElseThrow().version() == 2);
    assertThat(one.one("orders").orElseThrow().columns()).containsEntry("status", "PAID");
    // The deleted child and the one that moved away stay as tombstones above their last version.
    assertThat(one.cells())
        .containsEntry("order_item#11", SourceRow.tombstone("order_item", "11", 2))
        .containsEntry("order_item#10", SourceRow.tombstone("order_item", "10", 2));
  }

  private static void assertRecordErrorIsDeadLettered(IngestFixture it, IngestService ingest)
      throws Exception {
    it.awaitRow(ingest, 3, r -> r.one("orders").isPresent());
    ConsumerRecord<byte[], byte[]> letter = it.awaitDeadLetter();
    assertThat(header(letter, "widerow.reason"))
        .isEqualTo("order_item: key column 'order_id' is null in the 'after' row");
    assertThat(header(letter, "widerow.where")).startsWith("it:" + DB + ".order_item_0@");
    assertThat(ingest.metrics().recordErrorCount()).isEqualTo(1);
  }

  /** Offsets and schema history live in Kafka: a new process picks up where the last stopped. */
  private static void assertRestartResumesWithoutSnapshot(IngestFixture it) throws Exception {
    IngestService again = it.newIngest();
    try {
      long started = System.nanoTime();
      again.start();
      it.awaitKeys(again, Map.of(4L, Map.of("orders", 1L), 1L, Map.of("orders", 3L)));
      it.awaitRow(again, 4, r -> r.one("orders").isPresent());
      WideRow one = it.awaitRow(again, 1, r -> r.one("orders").orElseThrow().version() == 3);
      long received = again.metrics().stage().received();
      LOG.info("restart caught up in {} ms with {} events", millisSince(started), received);
      assertThat(one.one("orders").orElseThrow().columns()).containsEntry("status", "SHIPPED");
      // A new snapshot would have read all 6 rows again; a replay of the last uncommitted
      // changes before the 2 new ones would be harmless, but a clean stop commits them all.
      assertThat(received).isEqualTo(2);
    } finally {
      stopAndLog(again);
    }
  }

  /** Every producer, consumer and admin client of a stopped ingest has ended its thread. */
  private static void assertNoKafkaClientLeftBehind(Set<String> threadsBefore) throws Exception {
    await("the stopped ingest's Kafka client threads ending")
        .atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofMillis(10))
        .untilAsserted(
            () -> {
              Set<String> left = new TreeSet<>(kafkaClientThreads());
              left.removeAll(threadsBefore);
              assertThat(left).as("Kafka client threads still running").isEmpty();
            });
  }

  private static Set<String> kafkaClientThreads() {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(Thread::isAlive)
        .map(Thread::getName)
        .filter(name -> name.startsWith("kafka-") || name.startsWith("KafkaBasedLog"))
        .filter(name -> !name.contains(IngestFixture.CLIENT_PREFIX))
        .collect(Collectors.toSet());
  }

  private static void stopAndLog(IngestService ingest) {
    long stopping = System.nanoTime();
    ingest.stop();
    LOG.info("ingest stopped in {} ms", millisSince(stopping));
  }

  private static String header(ConsumerRecord<byte[], byte[]> record, String name) {
    Header header = record.headers().lastHeader(name);
    return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
  }

  private static long millisSince(long nanos) {
    return (System.nanoTime() - nanos) / 1_000_000;
  }
}
