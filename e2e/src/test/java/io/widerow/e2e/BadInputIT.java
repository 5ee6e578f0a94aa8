package io.widerow.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.widerow.core.pipeline.Pipeline;
import io.widerow.core.row.WideRow;
import io.widerow.core.row.WideRowStore;
import io.widerow.core.rowkey.RowKeyCodec;
import io.widerow.hbase.HBaseWideRowStore;
import io.widerow.kafka.KafkaClients;
import io.widerow.local.LocalPipeline;
import io.widerow.stack.StackEndpoints;
import io.widerow.testkit.BadInputFixture;
import io.widerow.testkit.EsRest;
import io.widerow.testkit.LocalStackExtension;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.awaitility.core.ThrowingRunnable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Bad input never stalls the pipeline: changes of a table no pattern matches are ignored, a row of
 * a few megabytes is stored and indexed, a row too large for an HBase cell and poison messages on
 * the changes and keys topics each become one dead letter with a reason, and the rows after them
 * still arrive.
 */
@ExtendWith(LocalStackExtension.class)
class BadInputIT {

  private static final int MB = 1024 * 1024;

  @Test
  void badInputIsIgnoredOrDeadLetteredAndThePipelineMovesOn(StackEndpoints stack) throws Exception {
    BadInputFixture it = new BadInputFixture(stack, "bad_input");
    it.sql(
        "CREATE DATABASE " + it.db,
        "CREATE TABLE "
            + it.db
            + ".orders_0 (order_id BIGINT PRIMARY KEY, version BIGINT, status VARCHAR(20),"
            + " note MEDIUMTEXT)",
        "CREATE TABLE " + it.db + ".audit_log (id BIGINT PRIMARY KEY, msg VARCHAR(50))");
    String yaml =
        it.yaml(
            stack.cdcUser(),
            it.db + "\\.orders_\\d+",
            "order_id: {from: orders.order_id, type: keyword}\n"
                + "status: {from: orders.status, type: keyword}");
    Pipeline pipeline = it.pipeline(yaml);
    EsRest es = new EsRest(stack.elasticsearchUrl());
    try (LocalPipeline services = new LocalPipeline(pipeline, it.environment()::get, 0);
        WideRowStore hbase = HBaseWideRowStore.open(pipeline.hbase());
        KafkaConsumer<byte[], byte[]> dlq = it.consumer(pipeline.topics().dlq())) {
      services.start();
      ThrowingRunnable running = () -> failIfFailed(services);

      // A table in a captured database that no pattern names: its changes are not read at all.
      it.sql("INSERT INTO " + it.db + ".audit_log VALUES (1, 'login'), (2, 'logout')");
      insertOrder(it, 1, "small");
      awaitDocument(es, pipeline, "1", running);

      // A few megabytes fit an HBase cell (10 MiB) and travel as a key only.
      String big = "b".repeat(3 * MB);
      it.insertWithText("INSERT INTO " + it.db + ".orders_0 VALUES (2, 1, 'BIG', ?)", big);
      JsonNode doc = awaitDocument(es, pipeline, "2", running);
      assertThat(doc.path("_source").path("status").asText()).isEqualTo("BIG");
      WideRow row = hbase.read(List.of(RowKeyCodec.of(pipeline.hbase()).encode("2"))).get(0);
      assertThat(row.one("orders").orElseThrow().columns().get("note")).isEqualTo(big);

      // Too large for a cell: set aside with the reason; the row itself stays out of Kafka.
      it.insertWithText(
          "INSERT INTO " + it.db + ".orders_0 VALUES (3, 1, 'HUGE', ?)", "h".repeat(11 * MB));
      insertOrder(it, 4, "after-huge");
      awaitDocument(es, pipeline, "4", running);

      publishPoison(it, pipeline.topics().changes(), "poison-on-changes");
      publishPoison(it, pipeline.topics().keys(), "poison-on-keys");
      insertOrder(it, 5, "after-poison");
      awaitDocument(es, pipeline, "5", running);

      List<ConsumerRecord<byte[], byte[]>> letters =
          BadInputFixture.awaitRecords(dlq, "three dead letters", running, r -> r.size() >= 3);
      assertThat(letters).hasSize(3);
      ConsumerRecord<byte[], byte[]> huge = letter(letters, "ingest.mapper");
      assertThat(BadInputFixture.header(huge, "widerow.reason"))
          .startsWith("orders: the row's cell would take ")
          .endsWith(
              " bytes, above HBase's limit of 10485760 bytes per cell"
                  + " (hbase.client.keyvalue.maxsize)");
      assertThat(BadInputFixture.header(huge, "widerow.where"))
          .startsWith("src:" + it.db + ".orders_0@");
      assertThat(BadInputFixture.header(huge, "widerow.value_dropped")).endsWith(" bytes");
      assertThat(huge.value()).isNull();

      ConsumerRecord<byte[], byte[]> onChanges = letter(letters, "merger");
      assertThat(key(onChanges)).isEqualTo("poison-on-changes");
      assertThat(BadInputFixture.header(onChanges, "widerow.reason"))
          .isEqualTo("value is not {\"ts\":<epoch ms>}");
      assertThat(BadInputFixture.header(onChanges, "widerow.where"))
          .startsWith(pipeline.topics().changes() + "-0@");

      ConsumerRecord<byte[], byte[]> onKeys = letter(letters, "indexer.decode");
      assertThat(key(onKeys)).isEqualTo("poison-on-keys");
      assertThat(BadInputFixture.header(onKeys, "widerow.where"))
          .startsWith(pipeline.topics().keys() + "-0@");

      es.refresh(pipeline.elasticsearch().index());
      assertThat(es.count(pipeline.elasticsearch().index(), "*")).isEqualTo(4);
      assertThat(services.failure()).isNull();
    }
  }

  private static void insertOrder(BadInputFixture it, long id, String status) throws Exception {
    it.sql("INSERT INTO " + it.db + ".orders_0 VALUES (" + id + ", 1, '" + status + "', 'n')");
  }

  private static JsonNode awaitDocument(
      EsRest es, Pipeline pipeline, String id, ThrowingRunnable running) {
    return await("document " + id)
        .atMost(BadInputFixture.WAIT)
        .failFast("the pipeline failed", running)
        .until(
            () -> es.document(pipeline.elasticsearch().index(), id),
            doc -> doc.path("found").asBoolean());
  }

  private static void publishPoison(BadInputFixture it, String topic, String key) throws Exception {
    try (KafkaProducer<byte[], byte[]> producer =
        KafkaClients.producer(it.stack.kafkaBootstrap(), it.name + "-poison")) {
      producer
          .send(
              new ProducerRecord<>(
                  topic,
                  key.getBytes(StandardCharsets.UTF_8),
                  "not a key message".getBytes(StandardCharsets.UTF_8)))
          .get(30, TimeUnit.SECONDS);
    }
  }

  private static ConsumerRecord<byte[], byte[]> letter(
      List<ConsumerRecord<byte[], byte[]>> letters, String stage) {
    return letters.stream()
        .filter(r -> stage.equals(BadInputFixture.header(r, "widerow.stage")))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no dead letter of stage " + stage));
  }

  private static String key(ConsumerRecord<byte[], byte[]> record) {
    return new String(record.key(), StandardCharsets.UTF_8);
  }

  private static void failIfFailed(LocalPipeline services) {
    Throwable failure = services.failure();
    if (failure != null) {
      throw new IllegalStateException("the pipeline failed: " + failure, failure);
    }
  }
}
