package io.widerow.testkit;

import static org.awaitility.Awaitility.await;

import io.widerow.core.pipeline.Pipeline;
import io.widerow.core.pipeline.PipelineLoader;
import io.widerow.kafka.KafkaClients;
import io.widerow.stack.StackEndpoints;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
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
import org.awaitility.core.ThrowingRunnable;

/**
 * A pipeline of one {@code orders} table over a database of its own, written as a pipeline file,
 * with the SQL and dead-letter reading that the bad-input and fatal-failure ITs share.
 */
public final class BadInputFixture {

  public static final Duration WAIT = Duration.ofSeconds(120);

  public final StackEndpoints stack;
  public final String name;
  public final String db;

  public BadInputFixture(StackEndpoints stack, String prefix) {
    this.stack = stack;
    this.name = DemoPipelines.uniqueName(prefix);
    this.db = name + "_db";
  }

  /** The pipeline's YAML: table pattern, columns kept and index fields as given. */
  public String yaml(String user, String tablePattern, String fields) {
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
            databases: [%6$s]
        tables:
          orders:
            physical: '%7$s'
            key: order_id
            primaryKey: [order_id]
            cardinality: one
            root: true
            version: {column: version}
        hbase:
          zookeeper: %8$s
          namespace: widerow_it
          table: %1$s
          saltBuckets: 2
        kafka:
          bootstrap: %9$s
          topicPrefix: widerow_it
          partitions: 1
          topics:
            changes: {replicationFactor: 1, minInsyncReplicas: 1}
            keys: {replicationFactor: 1, minInsyncReplicas: 1}
            deadLetters: {replicationFactor: 1, minInsyncReplicas: 1}
        elasticsearch:
          hosts: [%10$s]
          index: %1$s
          shards: 1
          replicas: 0
          fields:
        %11$s
        """
        .formatted(
            name,
            stack.mariadbHost(),
            stack.mariadbPort(),
            user,
            20_000 + ThreadLocalRandom.current().nextInt(1_000_000),
            db,
            tablePattern,
            stack.hbaseZookeeperQuorum(),
            stack.kafkaBootstrap(),
            stack.elasticsearchUrl(),
            fields.indent(4).stripTrailing());
  }

  public String defaultYaml() {
    return yaml(
        stack.cdcUser(), db + "\\.orders_\\d+", "order_id: {from: orders.order_id, type: keyword}");
  }

  public Pipeline pipeline(String yaml) throws Exception {
    return PipelineLoader.parse(yaml, name, Map.of());
  }

  public Path file(String yaml, Path dir) throws Exception {
    Path file = dir.resolve(name + ".yaml");
    Files.writeString(file, yaml);
    return file;
  }

  public Map<String, String> environment(String password) {
    return Map.of("WIDEROW_BAD_INPUT_PASSWORD", password);
  }

  public Map<String, String> environment() {
    return environment(stack.cdcPassword());
  }

  public void sql(String... statements) throws Exception {
    try (Connection c = root();
        Statement s = c.createStatement()) {
      s.execute("SET time_zone = '+00:00'");
      for (String statement : statements) {
        s.execute(statement);
      }
    }
  }

  /** An insert with one large text value, sent as a parameter rather than in the SQL text. */
  public void insertWithText(String sql, String text) throws Exception {
    try (Connection c = root();
        PreparedStatement s = c.prepareStatement(sql)) {
      s.setString(1, text);
      s.executeUpdate();
    }
  }

  private Connection root() throws Exception {
    return DriverManager.getConnection(
        stack.mariadbJdbcUrl(), stack.mariadbRootUser(), stack.mariadbRootPassword());
  }

  public KafkaConsumer<byte[], byte[]> consumer(String topic) {
    String group = name + "-reader-" + ThreadLocalRandom.current().nextInt(1_000_000);
    KafkaConsumer<byte[], byte[]> consumer =
        KafkaClients.consumer(stack.kafkaBootstrap(), group, group, 500);
    consumer.subscribe(List.of(topic));
    return consumer;
  }

  /**
   * Reads {@code consumer} until {@code done} holds for what was read; {@code running} throws to
   * give up at once (a service died).
   */
  public static List<ConsumerRecord<byte[], byte[]>> awaitRecords(
      KafkaConsumer<byte[], byte[]> consumer,
      String what,
      ThrowingRunnable running,
      Predicate<List<ConsumerRecord<byte[], byte[]>>> done) {
    List<ConsumerRecord<byte[], byte[]>> seen = new ArrayList<>();
    await(what)
        .atMost(WAIT)
        .pollInSameThread() // the consumer belongs to the caller's thread
        .pollInterval(Duration.ofMillis(1)) // the poll itself waits up to 200 ms
        .failFast("the pipeline stopped while waiting for " + what, running)
        .until(
            () -> {
              consumer.poll(Duration.ofMillis(200)).forEach(seen::add);
              return done.test(seen);
            });
    return seen;
  }

  public static String header(ConsumerRecord<byte[], byte[]> record, String name) {
    Header header = record.headers().lastHeader(name);
    return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
  }
}
