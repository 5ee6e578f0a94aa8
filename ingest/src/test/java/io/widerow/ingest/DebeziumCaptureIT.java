package io.widerow.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.debezium.engine.ChangeEvent;
import io.debezium.engine.DebeziumEngine;
import io.debezium.engine.format.Json;
import io.widerow.stack.StackEndpoints;
import io.widerow.testkit.LocalStackExtension;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The MariaDB binlog of the stack, read by the embedded Debezium engine as the CDC user. */
@ExtendWith(LocalStackExtension.class)
class DebeziumCaptureIT {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String TOPIC = "smoke.smoke_cdc.orders";

  @Test
  void capturesInsertUpdateAndDelete(StackEndpoints stack) throws Exception {
    execute(
        stack,
        "DROP DATABASE IF EXISTS smoke_cdc",
        "CREATE DATABASE smoke_cdc",
        "CREATE TABLE smoke_cdc.orders (id INT PRIMARY KEY, status VARCHAR(20), total DECIMAL(10,2))",
        "INSERT INTO smoke_cdc.orders VALUES (1, 'SNAPSHOT', 1.00)");

    List<String> events = new CopyOnWriteArrayList<>();
    ExecutorService executor = Executors.newSingleThreadExecutor();
    try (DebeziumEngine<ChangeEvent<String, String>> engine =
        DebeziumEngine.create(Json.class)
            .using(engineConfig(stack))
            .notifying(
                event -> {
                  // Only row events of our table; a delete is followed by a tombstone (null).
                  if (TOPIC.equals(event.destination()) && event.value() != null) {
                    events.add(event.value());
                  }
                })
            .build()) {
      executor.execute(engine);

      // The snapshot records a binlog position; every change after it is streamed.
      awaitOps(events, "r");
      execute(
          stack,
          "INSERT INTO smoke_cdc.orders VALUES (2, 'NEW', 9.50)",
          "UPDATE smoke_cdc.orders SET status = 'PAID' WHERE id = 2",
          "DELETE FROM smoke_cdc.orders WHERE id = 2");
      awaitOps(events, "r", "c", "u", "d");
    } finally {
      executor.shutdown();
      executor.awaitTermination(30, TimeUnit.SECONDS);
    }

    List<JsonNode> changes = parse(events);
    JsonNode insert = changes.get(1);
    assertThat(insert.at("/after/status").asText()).isEqualTo("NEW");
    assertThat(insert.at("/after/total").asText()).isEqualTo("9.50");
    JsonNode update = changes.get(2);
    assertThat(update.at("/before/status").asText()).isEqualTo("NEW");
    assertThat(update.at("/after/status").asText()).isEqualTo("PAID");
    JsonNode delete = changes.get(3);
    assertThat(delete.at("/before/id").asInt()).isEqualTo(2);
    assertThat(delete.at("/after").isNull()).isTrue();
  }

  private static Properties engineConfig(StackEndpoints stack) {
    Properties p = new Properties();
    p.setProperty("name", "smoke-capture");
    p.setProperty("connector.class", "io.debezium.connector.mariadb.MariaDbConnector");
    p.setProperty("offset.storage", "org.apache.kafka.connect.storage.MemoryOffsetBackingStore");
    p.setProperty("offset.flush.interval.ms", "0");
    p.setProperty("schema.history.internal", "io.debezium.relational.history.MemorySchemaHistory");
    p.setProperty("database.hostname", stack.mariadbHost());
    p.setProperty("database.port", Integer.toString(stack.mariadbPort()));
    p.setProperty("database.user", stack.cdcUser());
    p.setProperty("database.password", stack.cdcPassword());
    p.setProperty("database.server.id", "5499");
    p.setProperty("database.include.list", "smoke_cdc");
    p.setProperty("topic.prefix", "smoke");
    p.setProperty("snapshot.mode", "initial");
    p.setProperty("decimal.handling.mode", "string");
    p.setProperty("converter.schemas.enable", "false");
    p.setProperty("include.schema.changes", "false");
    return p;
  }

  private static List<JsonNode> parse(List<String> events) throws Exception {
    List<JsonNode> nodes = new java.util.ArrayList<>();
    for (String e : events) {
      nodes.add(JSON.readTree(e));
    }
    return nodes;
  }

  private static void awaitOps(List<String> events, String... ops) throws Exception {
    await("change events " + String.join(",", ops))
        .atMost(Duration.ofSeconds(90))
        .until(
            () -> parse(events).stream().map(e -> e.path("op").asText()).toList(),
            List.of(ops)::equals);
  }

  private static void execute(StackEndpoints stack, String... statements) throws Exception {
    try (Connection c =
            DriverManager.getConnection(
                stack.mariadbJdbcUrl(), stack.mariadbRootUser(), stack.mariadbRootPassword());
        Statement s = c.createStatement()) {
      for (String sql : statements) {
        s.execute(sql);
      }
    }
  }
}
