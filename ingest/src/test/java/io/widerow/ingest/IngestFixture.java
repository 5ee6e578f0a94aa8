package io.widerow.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.codahale.metrics.MetricRegistry;
import com.codahale.metrics.health.HealthCheckRegistry;
import io.widerow.core.pipeline.Pipeline;
import io.widerow.core.pipeline.PipelineLoader;
import io.widerow.core.row.KeyMessage;
import io.widerow.core.row.SourceRow;
import io.widerow.core.row.WideRow;
import io.widerow.core.row.WideRowStore;
import io.widerow.core.rowkey.RowKeyCodec;
import io.widerow.core.service.ServiceLifecycle;
import io.widerow.hbase.HBaseWideRowStore;
import io.widerow.kafka.KafkaClients;
import io.widerow.stack.StackEndpoints;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;

/**
 * A fresh pipeline (own HBase table, topics and Debezium offsets) over database {@code ingest_it_0}
 * of the local stack, with the readers and waits IngestIT needs.
 */
final class IngestFixture implements AutoCloseable {

  /** Starts the client id of every consumer the fixture itself reads with. */
  static final String CLIENT_PREFIX = "ingest-it-";

  static final String DB = "ingest_it_0";
  private static final Duration WAIT = Duration.ofSeconds(120);

  final StackEndpoints stack;
  final Pipeline pipeline;
  final RowKeyCodec rowkeys;
  final WideRowStore hbase;
  final KafkaConsumer<byte[], byte[]> changes;
  final KafkaConsumer<byte[], byte[]> dlq;
  final List<KeyMessage> keys = new ArrayList<>();

  IngestFixture(StackEndpoints stack) throws Exception {
    this.stack = stack;
    String name = "ingest_it_" + Long.toString(System.currentTimeMillis(), 36);
    this.pipeline = PipelineLoader.parse(yaml(name), "IngestIT", Map.of());
    this.rowkeys = RowKeyCodec.of(pipeline.hbase());
    this.hbase = HBaseWideRowStore.open(pipeline.hbase());
    this.changes = consumer(pipeline.topics().changes());
    this.dlq = consumer(pipeline.topics().dlq());
  }

  IngestService newIngest() {
    return new IngestService(
        pipeline,
        new MetricRegistry(),
        new HealthCheckRegistry(),
        Map.of("WIDEROW_IT_CDC_PASSWORD", stack.cdcPassword())::get);
  }

  String rowkey(long orderId) {
    return rowkeys.encode(Long.toString(orderId));
  }

  WideRow awaitRow(IngestService ingest, long orderId, Predicate<WideRow> done) {
    String rowkey = rowkey(orderId);
    return await("row of order " + orderId + " as expected")
        .atMost(WAIT)
        .pollInterval(Duration.ofMillis(50))
        .ignoreExceptionsInstanceOf(Exception.class) // e.g. the table not created yet
        .failFast("ingest stopped", () -> failIfStopped(ingest))
        .until(() -> hbase.read(List.of(rowkey)).get(0), done);
  }

  /**
   * Collects keys from the changes topic (into {@link #keys}) until each order of {@code expected}
   * (order id to qualifier to version, e.g. {@code 1 -> {orders -> 2}}) has had a key of its row
   * seen while HBase already held every expected cell at exactly the expected version. That is
   * invariant 3 (ingest publishes a key only after HBase acknowledged the write): a key that went
   * out before its write finds the cell still at the old version and does not count, so an update's
   * early key ends the wait in a failure even when the row already had cells from the snapshot.
   * Every key seen must also carry a source time and find its row.
   */
  void awaitKeys(IngestService ingest, Map<Long, Map<String, Long>> expected) {
    Map<String, Long> orders = new HashMap<>();
    expected.keySet().forEach(order -> orders.put(rowkey(order), order));
    Map<Long, Map<String, Long>> lastSeen = new TreeMap<>();
    Map<Long, Map<String, Long>> pending = new TreeMap<>(expected);
    await("keys on the changes topic whose rows held the expected cell versions")
        .atMost(WAIT)
        .pollInSameThread() // the consumer belongs to this thread
        .pollInterval(Duration.ofMillis(1)) // the poll itself waits up to 200 ms
        .failFast("ingest stopped", () -> failIfStopped(ingest))
        .until(
            () -> {
              List<KeyMessage> polled = new ArrayList<>();
              for (ConsumerRecord<byte[], byte[]> r : changes.poll(Duration.ofMillis(200))) {
                polled.add(KeyMessage.decode(r.key(), r.value()));
              }
              Map<String, WideRow> rows = read(polled); // at once, as the keys arrive
              for (KeyMessage key : polled) {
                WideRow row = rows.get(key.rowkey());
                assertThat(key.sourceTsMs()).as("source time of key %s", key.rowkey()).isPositive();
                assertThat(row.cells()).as("row of key %s in HBase", key.rowkey()).isNotEmpty();
                keys.add(key);
                Long order = orders.get(key.rowkey());
                if (order != null) {
                  Map<String, Long> seen = versions(row, expected.get(order).keySet());
                  lastSeen.put(order, seen);
                  if (seen.equals(expected.get(order))) {
                    pending.remove(order);
                  }
                }
              }
              return new Pending(pending, lastSeen);
            },
            Pending::none);
  }

  /** Orders still waiting for a key that found their cells; its text is the timeout's message. */
  private record Pending(Map<Long, Map<String, Long>> expected, Map<Long, Map<String, Long>> seen) {
    boolean none() {
      return expected.isEmpty();
    }

    @Override
    public String toString() {
      StringBuilder text = new StringBuilder(expected.size() + " orders without such a key");
      expected.entrySet().stream()
          .limit(5)
          .forEach(
              e ->
                  text.append("; order ")
                      .append(e.getKey())
                      .append(": expected ")
                      .append(e.getValue())
                      .append(", the last key found ")
                      .append(
                          seen.containsKey(e.getKey()) ? seen.get(e.getKey()) : "(no key seen)"));
      return text.toString();
    }
  }

  /** The rows of the keys' rowkeys, in one multi-get. */
  private Map<String, WideRow> read(List<KeyMessage> polled) throws Exception {
    List<String> rowkeys = polled.stream().map(KeyMessage::rowkey).distinct().toList();
    if (rowkeys.isEmpty()) {
      return Map.of();
    }
    List<WideRow> read = hbase.read(rowkeys); // in input order
    Map<String, WideRow> rows = new HashMap<>();
    for (int i = 0; i < rowkeys.size(); i++) {
      rows.put(rowkeys.get(i), read.get(i));
    }
    return rows;
  }

  /** The versions of {@code qualifiers} in {@code row}; a missing cell shows as version 0. */
  private static Map<String, Long> versions(WideRow row, Iterable<String> qualifiers) {
    Map<String, Long> versions = new LinkedHashMap<>();
    for (String qualifier : qualifiers) {
      SourceRow cell = row.cells().get(qualifier);
      versions.put(qualifier, cell == null ? 0 : cell.version());
    }
    return versions;
  }

  ConsumerRecord<byte[], byte[]> awaitDeadLetter() {
    List<ConsumerRecord<byte[], byte[]>> seen = new ArrayList<>();
    await("a dead letter")
        .atMost(WAIT)
        .pollInSameThread() // the consumer belongs to this thread
        .pollInterval(Duration.ofMillis(1)) // the poll itself waits up to 200 ms
        .until(
            () -> {
              dlq.poll(Duration.ofMillis(200)).forEach(seen::add);
              return !seen.isEmpty();
            });
    assertThat(seen).hasSize(1);
    return seen.get(0);
  }

  void sql(String... statements) throws Exception {
    try (Connection c = root();
        Statement s = c.createStatement()) {
      for (String statement : statements) {
        s.execute(statement);
      }
    }
  }

  /** Sessions the CDC user holds open on the source, Debezium's snapshot connections among them. */
  long cdcSessions() throws Exception {
    try (Connection c = root();
        Statement s = c.createStatement();
        ResultSet count =
            s.executeQuery(
                "SELECT COUNT(*) FROM information_schema.PROCESSLIST WHERE USER = '"
                    + stack.cdcUser()
                    + "'")) {
      count.next();
      return count.getLong(1);
    }
  }

  private Connection root() throws SQLException {
    return DriverManager.getConnection(
        stack.mariadbJdbcUrl(), stack.mariadbRootUser(), stack.mariadbRootPassword());
  }

  private static void failIfStopped(IngestService ingest) {
    ServiceLifecycle.State state = ingest.state();
    if (state == ServiceLifecycle.State.FAILED || state == ServiceLifecycle.State.STOPPED) {
      throw new IllegalStateException("ingest is " + state);
    }
  }

  private KafkaConsumer<byte[], byte[]> consumer(String topic) {
    String group = CLIENT_PREFIX + ThreadLocalRandom.current().nextInt(1_000_000);
    KafkaConsumer<byte[], byte[]> consumer =
        KafkaClients.consumer(stack.kafkaBootstrap(), group, group, 500);
    consumer.subscribe(List.of(topic));
    return consumer;
  }

  @Override
  public void close() throws Exception {
    changes.close();
    dlq.close();
    hbase.close();
  }

  private String yaml(String name) {
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
          topics:
            changes: {replicationFactor: 1, minInsyncReplicas: 1}
            keys: {replicationFactor: 1, minInsyncReplicas: 1}
            deadLetters: {replicationFactor: 1, minInsyncReplicas: 1}
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
