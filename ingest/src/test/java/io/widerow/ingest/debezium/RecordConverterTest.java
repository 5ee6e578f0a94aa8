package io.widerow.ingest.debezium;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.widerow.core.change.BinlogPosition;
import io.widerow.core.change.ChangeEvent;
import java.nio.ByteBuffer;
import java.util.Map;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.source.SourceRecord;
import org.junit.jupiter.api.Test;

class RecordConverterTest {

  private static final Schema ROW =
      SchemaBuilder.struct()
          .name("shop.shop_0.orders_0.Value")
          .optional()
          .field("order_id", Schema.INT64_SCHEMA)
          .field("total", Schema.OPTIONAL_STRING_SCHEMA)
          .field(
              "created_at",
              SchemaBuilder.int64().name("io.debezium.time.Timestamp").optional().build())
          .field(
              "paid_at",
              SchemaBuilder.string().name("io.debezium.time.ZonedTimestamp").optional().build())
          .field(
              "ship_date", SchemaBuilder.int32().name("io.debezium.time.Date").optional().build())
          .field(
              "window", SchemaBuilder.int64().name("io.debezium.time.MicroTime").optional().build())
          .field("photo", Schema.OPTIONAL_BYTES_SCHEMA)
          .field("note", Schema.OPTIONAL_STRING_SCHEMA)
          .build();
  private static final Schema SOURCE =
      SchemaBuilder.struct()
          .name("io.debezium.connector.mariadb.Source")
          .field("db", Schema.STRING_SCHEMA)
          .field("table", Schema.OPTIONAL_STRING_SCHEMA)
          .field("file", Schema.STRING_SCHEMA)
          .field("pos", Schema.INT64_SCHEMA)
          .field("row", Schema.INT32_SCHEMA)
          .field("ts_ms", Schema.INT64_SCHEMA)
          .field("snapshot", Schema.OPTIONAL_STRING_SCHEMA)
          .build();
  private static final Schema ENVELOPE =
      SchemaBuilder.struct()
          .name("shop.shop_0.orders_0.Envelope")
          .field("before", ROW)
          .field("after", ROW)
          .field("source", SOURCE)
          .field("op", Schema.STRING_SCHEMA)
          .field("ts_ms", Schema.OPTIONAL_INT64_SCHEMA)
          .build();

  private final RecordConverter converter = new RecordConverter("shop");

  @Test
  void insertBecomesCreateWithPlainValues() {
    Struct after =
        new Struct(ROW)
            .put("order_id", 7L)
            .put("total", "19.90")
            .put("created_at", 1_714_557_600_000L)
            .put("paid_at", "2024-05-01T10:00:00Z")
            .put("ship_date", 19_844)
            .put("window", 3_723_000_001L)
            .put("photo", ByteBuffer.wrap(new byte[] {1, 2, 3}));

    ChangeEvent event =
        converter.convert(record("c", null, after, "mariadb-bin.000012")).orElseThrow();

    assertThat(event.op()).isEqualTo(ChangeEvent.Op.CREATE);
    assertThat(event.database()).isEqualTo("shop_0");
    assertThat(event.table()).isEqualTo("orders_0");
    assertThat(event.position()).isEqualTo(new BinlogPosition(12, 1234, 2));
    assertThat(event.sourceTsMs()).isEqualTo(1_714_557_601_000L);
    assertThat(event.before()).isEmpty();
    assertThat(event.after())
        .containsEntry("order_id", 7L)
        .containsEntry("total", "19.90")
        .containsEntry("created_at", 1_714_557_600_000L)
        .containsEntry("paid_at", "2024-05-01T10:00:00Z")
        .containsEntry("ship_date", "2024-05-01")
        .containsEntry("window", "01:02:03.000001")
        .containsEntry("photo", "AQID")
        .containsEntry("note", null);
  }

  @Test
  void deleteKeepsTheBeforeImage() {
    Struct before = new Struct(ROW).put("order_id", 7L);

    ChangeEvent event = converter.convert(record("d", before, null, "bin.000001")).orElseThrow();

    assertThat(event.op()).isEqualTo(ChangeEvent.Op.DELETE);
    assertThat(event.before()).containsEntry("order_id", 7L);
    assertThat(event.after()).isEmpty();
  }

  @Test
  void snapshotReadBecomesRead() {
    Struct after = new Struct(ROW).put("order_id", 7L);

    assertThat(converter.convert(record("r", null, after, "bin.000001")).orElseThrow().op())
        .isEqualTo(ChangeEvent.Op.READ);
  }

  @Test
  void tombstonesTruncatesAndSchemaChangesAreNoRowChanges() {
    SourceRecord tombstone =
        new SourceRecord(Map.of(), Map.of(), "shop.shop_0.orders_0", null, null, null, null);
    Schema schemaChange =
        SchemaBuilder.struct()
            .name("io.debezium.connector.mariadb.SchemaChangeValue")
            .field("ddl", Schema.STRING_SCHEMA)
            .build();
    SourceRecord ddl =
        new SourceRecord(
            Map.of(),
            Map.of(),
            "shop",
            null,
            null,
            schemaChange,
            new Struct(schemaChange).put("ddl", "ALTER TABLE x"));

    assertThat(converter.convert(tombstone)).isEmpty();
    assertThat(converter.convert(ddl)).isEmpty();
  }

  @Test
  void truncateIsAChangeOfTheWholeTableWithoutRowImages() {
    ChangeEvent truncate = converter.convert(record("t", null, null, "bin.000001")).orElseThrow();

    assertThat(truncate.op()).isEqualTo(ChangeEvent.Op.TRUNCATE);
    assertThat(truncate.before()).isEmpty();
    assertThat(truncate.after()).isEmpty();
    assertThat(truncate.position().fileNumber()).isEqualTo(1);
  }

  @Test
  void binlogFileWithoutNumberIsUnreadable() {
    Struct after = new Struct(ROW).put("order_id", 7L);

    assertThatThrownBy(() -> converter.convert(record("c", null, after, "binlog")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'binlog' has no numeric extension");
  }

  @Test
  void timeIsADurationThatMayBeNegativeOrBeyondOneDay() {
    assertThat(ColumnValues.timeOfDay(-3_723_000_000L)).isEqualTo("-01:02:03");
    assertThat(ColumnValues.timeOfDay(838L * 3600 * 1_000_000)).isEqualTo("838:00:00");
  }

  private static SourceRecord record(String op, Struct before, Struct after, String file) {
    Struct source =
        new Struct(SOURCE)
            .put("db", "shop_0")
            .put("table", "orders_0")
            .put("file", file)
            .put("pos", 1234L)
            .put("row", 2)
            .put("ts_ms", 1_714_557_601_000L);
    Struct value =
        new Struct(ENVELOPE)
            .put("before", before)
            .put("after", after)
            .put("source", source)
            .put("op", op);
    return new SourceRecord(
        Map.of("server", "shop"),
        Map.of("file", file, "pos", 1234L),
        "shop.shop_0.orders_0",
        null,
        null,
        ENVELOPE,
        value);
  }
}
