package io.widerow.bench.jmh;

import io.widerow.core.change.BinlogPosition;
import io.widerow.core.change.ChangeEvent;
import io.widerow.core.pipeline.Pipeline;
import io.widerow.core.pipeline.PipelineLoader;
import io.widerow.core.row.CellCodec;
import io.widerow.core.row.SourceRow;
import io.widerow.core.row.WideRow;
import io.widerow.core.rowkey.RowKeyCodec;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A typical order as the services see it: the demo pipeline, and one order in five tables (order,
 * payment, fulfillment, one refund, three items) with column values typed the way Debezium delivers
 * them (DATETIME as epoch ms, DECIMAL as a string).
 */
final class OrderFixture {

  static final String ORDER_ID = "ORD-00012345";
  static final long NOW = 1_763_800_000_000L;

  final Pipeline pipeline = loadDemoPipeline();
  final RowKeyCodec rowKeys = new RowKeyCodec(pipeline.hbase().saltBuckets());
  final String rowkey = rowKeys.encode(ORDER_ID);

  static Pipeline loadDemoPipeline() {
    try (InputStream in =
        OrderFixture.class.getClassLoader().getResourceAsStream("demo/orders.pipeline.yaml")) {
      if (in == null) {
        throw new IllegalStateException("demo/orders.pipeline.yaml is missing from the jar");
      }
      String yaml = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      return PipelineLoader.parse(yaml, "demo", Map.of("WIDEROW_CDC_PASSWORD", "x"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static Map<String, Object> order(long version, String status) {
    Map<String, Object> row = new LinkedHashMap<>();
    row.put("order_id", ORDER_ID);
    row.put("user_id", 4711L);
    row.put("status", status);
    row.put("total", "59.90");
    row.put("currency", "EUR");
    row.put("created_at", NOW);
    row.put("updated_at", NOW + version);
    row.put("attributes", "{\"channel\":\"web\",\"gift\":false,\"device\":{\"os\":\"ios\"}}");
    row.put("version", version);
    return row;
  }

  static Map<String, Object> payment() {
    return Map.of(
        "payment_id",
        "PAY-" + ORDER_ID,
        "order_id",
        ORDER_ID,
        "method",
        "CARD",
        "amount",
        "59.90",
        "status",
        "CAPTURED",
        "paid_at",
        NOW,
        "version",
        1L);
  }

  static Map<String, Object> fulfillment() {
    return Map.of(
        "fulfillment_id",
        "FUL-" + ORDER_ID,
        "order_id",
        ORDER_ID,
        "carrier",
        "DHL",
        "tracking_no",
        "TRK123456789",
        "status",
        "DELIVERED",
        "shipped_at",
        NOW,
        "version",
        2L);
  }

  static Map<String, Object> refund() {
    return Map.of(
        "refund_id",
        "REF-" + ORDER_ID + "-1",
        "order_id",
        ORDER_ID,
        "amount",
        "19.95",
        "reason",
        "damaged in transit",
        "status",
        "REFUNDED",
        "refunded_at",
        NOW,
        "version",
        1L);
  }

  static Map<String, Object> item(long itemId) {
    return Map.of(
        "item_id",
        itemId,
        "order_id",
        ORDER_ID,
        "sku",
        "SKU-" + itemId % 500,
        "title",
        "blue cotton shirt",
        "quantity",
        2,
        "price",
        "19.95",
        "version",
        1L);
  }

  /** The most frequent streaming change: the order row's status moves on. */
  ChangeEvent orderUpdate() {
    return new ChangeEvent(
        "shop",
        "shop_1",
        "orders_0",
        ChangeEvent.Op.UPDATE,
        order(3, "PAID"),
        order(4, "SHIPPED"),
        new BinlogPosition(12, 4_567_890, 0),
        NOW);
  }

  /** A snapshot read of an item row (one-to-many: the cell carries a child key). */
  ChangeEvent itemRead() {
    return new ChangeEvent(
        "shop",
        "shop_1",
        "order_item_0",
        ChangeEvent.Op.READ,
        null,
        item(90_001),
        new BinlogPosition(12, 4_567_890, 0),
        NOW);
  }

  List<SourceRow> sourceRows() {
    return List.of(
        SourceRow.live("orders", null, 4, order(4, "DELIVERED")),
        SourceRow.live("order_payment", null, 1, payment()),
        SourceRow.live("order_fulfillment", null, 2, fulfillment()),
        SourceRow.live("order_refund", "REF-" + ORDER_ID + "-1", 1, refund()),
        SourceRow.live("order_item", "90001", 1, item(90_001)),
        SourceRow.live("order_item", "90002", 1, item(90_002)),
        SourceRow.live("order_item", "90003", 1, item(90_003)));
  }

  /** The order's wide row as the indexer reads it back: cells decoded from their stored bytes. */
  WideRow wideRow() {
    Map<String, SourceRow> cells = new LinkedHashMap<>();
    for (SourceRow row : sourceRows()) {
      cells.put(
          row.qualifier(), CellCodec.decode(row.qualifier(), row.version(), CellCodec.encode(row)));
    }
    return new WideRow(rowkey, 7, cells);
  }
}
