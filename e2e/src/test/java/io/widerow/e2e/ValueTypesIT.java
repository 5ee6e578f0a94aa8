package io.widerow.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.widerow.core.pipeline.Pipeline;
import io.widerow.core.row.WideRow;
import io.widerow.core.row.WideRowStore;
import io.widerow.core.rowkey.RowKeyCodec;
import io.widerow.hbase.HBaseWideRowStore;
import io.widerow.local.LocalPipeline;
import io.widerow.stack.StackEndpoints;
import io.widerow.testkit.BadInputFixture;
import io.widerow.testkit.EsRest;
import io.widerow.testkit.LocalStackExtension;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Source values keep their meaning on the whole trip, source → HBase cell JSON → document: DECIMAL
 * keeps its scale as text, DATETIME becomes epoch ms (it has no zone: read as UTC), TIMESTAMP an
 * ISO-8601 instant, JSON its text, BLOB base64, ENUM its label, NULL null (and no field).
 */
@ExtendWith(LocalStackExtension.class)
class ValueTypesIT {

  @Test
  void eachColumnTypeSurvivesIntoHBaseAndTheDocumentWithItsMeaning(StackEndpoints stack)
      throws Exception {
    BadInputFixture it = new BadInputFixture(stack, "value_types");
    it.sql(
        "CREATE DATABASE " + it.db,
        "CREATE TABLE "
            + it.db
            + ".orders_0 (order_id BIGINT PRIMARY KEY, version BIGINT NOT NULL,"
            + " amount DECIMAL(12,2), created_at DATETIME(3), paid_at TIMESTAMP(3) NULL,"
            + " attrs JSON, photo BLOB, state ENUM('NEW','PAID','SHIPPED'), note VARCHAR(20))",
        "INSERT INTO "
            + it.db
            + ".orders_0 VALUES (1, 1, 12.30, '2024-05-01 10:00:00.123',"
            + " '2024-05-01 10:00:01.456', '{\"gift\": true, \"n\": 1.50}', x'00FF10', 'PAID',"
            + " NULL)",
        "INSERT INTO "
            + it.db
            + ".orders_0 VALUES (2, 1, -100.00, '1970-01-01 00:00:00.000', NULL, '[]', x'',"
            + " 'NEW', 'n')");
    String yaml =
        it.yaml(
            stack.cdcUser(),
            it.db + "\\.orders_\\d+",
            """
            order_id: {from: orders.order_id, type: keyword}
            amount: {from: orders.amount, type: double}
            amount_text: {from: orders.amount, type: keyword}
            created_at: {from: orders.created_at, type: date}
            paid_at: {from: orders.paid_at, type: date}
            attrs: {from: orders.attrs, type: text}
            state: {from: orders.state, type: keyword}
            note: {from: orders.note, type: keyword}""");
    Pipeline pipeline = it.pipeline(yaml);
    RowKeyCodec rowkeys = RowKeyCodec.of(pipeline.hbase());
    EsRest es = new EsRest(stack.elasticsearchUrl());
    try (LocalPipeline services = new LocalPipeline(pipeline, it.environment()::get, 0);
        WideRowStore hbase = HBaseWideRowStore.open(pipeline.hbase())) {
      services.start();
      // Streamed changes are read from the binlog, not by the snapshot's SELECT: check both.
      it.sql(
          "INSERT INTO "
              + it.db
              + ".orders_0 VALUES (3, 1, 0.05, '2024-12-31 23:59:59.999',"
              + " '2024-12-31 23:59:59.999', '{\"a\": [1, \"x\"]}', x'DEADBEEF', 'SHIPPED', NULL)");
      JsonNode one = awaitDocument(es, pipeline, "1", services);
      JsonNode two = awaitDocument(es, pipeline, "2", services);
      JsonNode three = awaitDocument(es, pipeline, "3", services);

      Map<String, Object> cell1 = cell(hbase, rowkeys, "1");
      assertThat(cell1)
          .containsEntry("amount", "12.30")
          .containsEntry("created_at", 1_714_557_600_123L)
          .containsEntry("paid_at", "2024-05-01T10:00:01.456Z")
          .containsEntry("attrs", "{\"gift\": true, \"n\": 1.50}")
          .containsEntry("photo", "AP8Q")
          .containsEntry("state", "PAID")
          .containsEntry("note", null);
      assertThat(cell(hbase, rowkeys, "2"))
          .containsEntry("amount", "-100.00")
          .containsEntry("created_at", 0L)
          .containsEntry("paid_at", null)
          .containsEntry("attrs", "[]")
          .containsEntry("photo", "")
          .containsEntry("state", "NEW")
          .containsEntry("note", "n");
      assertThat(cell(hbase, rowkeys, "3"))
          .containsEntry("amount", "0.05")
          .containsEntry("created_at", 1_735_689_599_999L)
          .containsEntry("paid_at", "2024-12-31T23:59:59.999Z")
          .containsEntry("attrs", "{\"a\": [1, \"x\"]}")
          .containsEntry("photo", "3q2+7w==")
          .containsEntry("state", "SHIPPED");

      JsonNode source1 = one.path("_source");
      assertThat(source1.path("amount").decimalValue()).isEqualByComparingTo("12.3");
      assertThat(source1.path("amount_text").asText()).isEqualTo("12.30");
      assertThat(source1.path("created_at").asLong()).isEqualTo(1_714_557_600_123L);
      assertThat(source1.path("paid_at").asLong()).isEqualTo(1_714_557_601_456L);
      assertThat(source1.path("attrs").asText()).isEqualTo("{\"gift\": true, \"n\": 1.50}");
      assertThat(source1.path("state").asText()).isEqualTo("PAID");
      assertThat(source1.has("note")).isFalse();
      JsonNode source2 = two.path("_source");
      assertThat(source2.path("amount_text").asText()).isEqualTo("-100.00");
      assertThat(source2.path("created_at").asLong()).isZero();
      assertThat(source2.has("paid_at")).isFalse();
      assertThat(source2.path("note").asText()).isEqualTo("n");
      JsonNode source3 = three.path("_source");
      assertThat(source3.path("amount_text").asText()).isEqualTo("0.05");
      assertThat(source3.path("paid_at").asLong()).isEqualTo(1_735_689_599_999L);
      assertThat(source3.path("state").asText()).isEqualTo("SHIPPED");

      // The date fields are searchable as dates, not as text.
      es.refresh(pipeline.elasticsearch().index());
      assertThat(
              es.count(
                  pipeline.elasticsearch().index(),
                  "paid_at:[2024-05-01T10:00:01.456Z TO 2024-05-01T10:00:01.456Z]"))
          .isEqualTo(1);
      assertThat(es.count(pipeline.elasticsearch().index(), "amount:<0")).isEqualTo(1);
    }
  }

  private static Map<String, Object> cell(WideRowStore hbase, RowKeyCodec rowkeys, String id)
      throws Exception {
    WideRow row = hbase.read(List.of(rowkeys.encode(id))).get(0);
    return row.one("orders").orElseThrow().columns();
  }

  private static JsonNode awaitDocument(
      EsRest es, Pipeline pipeline, String id, LocalPipeline services) {
    return await("document " + id)
        .atMost(BadInputFixture.WAIT)
        .failFast(
            "the pipeline failed",
            () -> {
              if (services.failure() != null) {
                throw new IllegalStateException("pipeline failed", services.failure());
              }
            })
        .until(
            () -> es.document(pipeline.elasticsearch().index(), id),
            doc -> doc.path("found").asBoolean());
  }
}
