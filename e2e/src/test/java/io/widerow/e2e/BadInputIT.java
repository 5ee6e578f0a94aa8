package io.widerow.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.widerow.cli.Widerow;
import io.widerow.core.pipeline.Pipeline;
import io.widerow.core.row.KeyMessage;
import io.widerow.core.row.RowWrite;
import io.widerow.core.row.SourceRow;
import io.widerow.core.row.WideRow;
import io.widerow.core.row.WideRowStore;
import io.widerow.core.rowkey.RowKeyCodec;
import io.widerow.hbase.HBaseClients;
import io.widerow.hbase.HBaseWideRowStore;
import io.widerow.hbase.WideTableSchema;
import io.widerow.ingest.ChangeLetters;
import io.widerow.kafka.KafkaClients;
import io.widerow.local.LocalPipeline;
import io.widerow.stack.StackEndpoints;
import io.widerow.testkit.BadInputFixture;
import io.widerow.testkit.EsRest;
import io.widerow.testkit.LocalStackExtension;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.hadoop.hbase.client.Connection;
import org.apache.hadoop.hbase.client.Put;
import org.apache.hadoop.hbase.client.Table;
import org.apache.hadoop.hbase.util.Bytes;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.awaitility.core.ThrowingRunnable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bad input never stalls the pipeline: changes of a table no pattern matches are ignored, a row of
 * a few megabytes is stored and indexed, a row too large for an HBase cell and poison messages on
 * the changes and keys topics each become one dead letter with a reason, and the rows after them
 * still arrive. Then a poison record in each stage (ingest: a row it cannot map; merger: a key over
 * HBase's rowkey limit; indexer: a cell that does not decode) is set aside holding the record while
 * its partition moves on, and once the causes are mended {@code widerow dlq replay} sends each
 * letter through its stage again.
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

      poisonInEachStageThenReplay(it, yaml, pipeline, es, hbase, dlq, running);
      assertThat(services.failure()).isNull();
    }
  }

  private void poisonInEachStageThenReplay(
      BadInputFixture it,
      String yaml,
      Pipeline pipeline,
      EsRest es,
      WideRowStore hbase,
      KafkaConsumer<byte[], byte[]> dlq,
      ThrowingRunnable running)
      throws Exception {
    RowKeyCodec rowkeys = RowKeyCodec.of(pipeline.hbase());
    // ingest: a row without a version; the source moves on.
    it.sql("INSERT INTO " + it.db + ".orders_0 VALUES (6, NULL, 'NO-VERSION', 'n')");
    insertOrder(it, 7, "after-no-version");
    // merger: a key no rowkey can be; its partition moves on.
    String hugeKey = "k".repeat(40_000);
    publish(it, pipeline.topics().changes(), hugeKey, new KeyMessage(hugeKey, 1).encodeValue());
    // indexer: a cell that does not decode, for a row the merger has bumped.
    String nine = rowkeys.encode("9");
    writeRawCell(pipeline, nine, "orders", 1, "not a cell".getBytes(StandardCharsets.UTF_8));
    hbase.bumpVersions(List.of(nine));
    publish(it, pipeline.topics().keys(), nine, new KeyMessage(nine, 1).encodeValue());
    insertOrder(it, 10, "after-poison-cell");
    awaitDocument(es, pipeline, "7", running);
    awaitDocument(es, pipeline, "10", running);

    List<ConsumerRecord<byte[], byte[]>> more =
        BadInputFixture.awaitRecords(dlq, "three more dead letters", running, r -> r.size() >= 3);
    assertThat(more).hasSize(3);
    ConsumerRecord<byte[], byte[]> noVersion = letter(more, "ingest.mapper");
    assertThat(BadInputFixture.header(noVersion, "widerow.reason"))
        .isEqualTo("orders: version column 'version' is null in the 'after' row");
    assertThat(ChangeLetters.decode(noVersion.value()).after())
        .containsEntry("order_id", 6L)
        .containsEntry("status", "NO-VERSION");
    ConsumerRecord<byte[], byte[]> tooLong = letter(more, "merger");
    assertThat(key(tooLong)).isEqualTo(hugeKey);
    assertThat(BadInputFixture.header(tooLong, "widerow.reason"))
        .isEqualTo("key of 40000 bytes is no rowkey: HBase's limit is 32767 bytes");
    ConsumerRecord<byte[], byte[]> undecodable = letter(more, "indexer.read");
    assertThat(key(undecodable)).isEqualTo(nine);
    assertThat(KeyMessage.decode(undecodable.key(), undecodable.value()).rowkey()).isEqualTo(nine);
    assertThat(BadInputFixture.header(undecodable, "widerow.reason"))
        .startsWith("d:orders does not decode: cell value is not a JSON object");

    CliRun list = cli("dlq", "list", "--pipeline", it.file(yaml, dir).toString());
    assertThat(list.out()).contains("6 dead letters on " + pipeline.topics().dlq());

    // The causes mended: the cell rewritten; rows without a version take their binlog position.
    hbase.write(
        List.of(
            new RowWrite(
                nine,
                SourceRow.live("orders", null, 1, Map.of("order_id", 9L, "status", "MENDED")))));
    Path mended =
        it.file(yaml.replace("version: {column: version}", "version: {binlog: true}"), dir);
    CliRun replay = cli("dlq", "replay", "--pipeline", mended.toString());
    assertThat(replay.exit()).isZero();
    assertThat(replay.out())
        .contains("replayed 2 to the merger, 2 to the indexer, 1 through ingest; 1 skipped");
    assertThat(awaitDocument(es, pipeline, "6", running).path("_source").path("status").asText())
        .isEqualTo("NO-VERSION");
    assertThat(awaitDocument(es, pipeline, "9", running).path("_source").path("status").asText())
        .isEqualTo("MENDED");
    // The poison messages fail again and are set aside again; nothing else is.
    List<ConsumerRecord<byte[], byte[]>> again =
        BadInputFixture.awaitRecords(
            dlq, "the poison set aside again", running, r -> r.size() >= 3);
    assertThat(again)
        .extracting(r -> BadInputFixture.header(r, "widerow.stage"))
        .containsExactlyInAnyOrder("merger", "merger", "indexer.decode");
  }

  @TempDir Path dir;

  private record CliRun(int exit, String out) {}

  private static CliRun cli(String... args) {
    java.io.StringWriter out = new java.io.StringWriter();
    picocli.CommandLine cli = Widerow.commandLine();
    cli.setOut(new java.io.PrintWriter(out, true));
    int exit = cli.execute(args);
    System.out.println(String.join(" ", args) + " -> " + exit + "\n" + out);
    return new CliRun(exit, out.toString());
  }

  private static void writeRawCell(
      Pipeline pipeline, String rowkey, String qualifier, long version, byte[] value)
      throws Exception {
    try (Connection connection = HBaseClients.connect(pipeline.hbase());
        Table table = connection.getTable(WideTableSchema.tableName(pipeline.hbase()))) {
      table.put(
          new Put(Bytes.toBytes(rowkey))
              .addColumn(WideTableSchema.DATA, Bytes.toBytes(qualifier), version, value));
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
    publish(it, topic, key, "not a key message".getBytes(StandardCharsets.UTF_8));
  }

  private static void publish(BadInputFixture it, String topic, String key, byte[] value)
      throws Exception {
    try (KafkaProducer<byte[], byte[]> producer =
        KafkaClients.producer(it.stack.kafkaBootstrap(), it.name + "-poison")) {
      producer
          .send(new ProducerRecord<>(topic, key.getBytes(StandardCharsets.UTF_8), value))
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
