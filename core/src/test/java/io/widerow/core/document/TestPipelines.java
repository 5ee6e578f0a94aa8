package io.widerow.core.document;

import io.widerow.core.pipeline.ElasticsearchSpec;
import io.widerow.core.pipeline.FieldSpec;
import io.widerow.core.pipeline.FieldSpec.NestedField;
import io.widerow.core.pipeline.FieldSpec.ValueField;
import io.widerow.core.pipeline.FieldType;
import io.widerow.core.pipeline.HBaseSpec;
import io.widerow.core.pipeline.KafkaSpec;
import io.widerow.core.pipeline.Pipeline;
import io.widerow.core.pipeline.Source;
import io.widerow.core.pipeline.TableSpec;
import io.widerow.core.pipeline.TableSpec.Cardinality;
import io.widerow.core.pipeline.VersionSource;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/** A small orders pipeline built in code, so that unit tests need neither a file nor a loader. */
public final class TestPipelines {

  private TestPipelines() {}

  public static Pipeline orders() {
    return orders(
        List.of(
            value("order_id", "orders", "order_id", FieldType.KEYWORD),
            value("user_id", "orders", "user_id", FieldType.LONG),
            value("total", "orders", "total", FieldType.DOUBLE),
            value("created_at", "orders", "created_at", FieldType.DATE),
            value("paid", "order_payment", "paid", FieldType.BOOLEAN),
            value("payment_method", "order_payment", "method", FieldType.KEYWORD),
            value("refund_reasons", "order_refund", "reason", FieldType.TEXT),
            value("item_skus", "order_item", "sku", FieldType.KEYWORD),
            new NestedField(
                "items",
                "order_item",
                List.of(
                    value("sku", "order_item", "sku", FieldType.KEYWORD),
                    value("quantity", "order_item", "quantity", FieldType.INTEGER),
                    value("price", "order_item", "price", FieldType.DOUBLE)))));
  }

  public static Pipeline orders(List<FieldSpec> fields) {
    Map<String, TableSpec> tables = new LinkedHashMap<>();
    tables.put("orders", table("orders", Cardinality.ONE, true, "order_id"));
    tables.put("order_payment", table("order_payment", Cardinality.ONE, false, "payment_id"));
    tables.put("order_refund", table("order_refund", Cardinality.MANY, false, "refund_id"));
    tables.put("order_item", table("order_item", Cardinality.MANY, false, "item_id"));
    return new Pipeline(
        "orders",
        List.of(
            new Source(
                "shop",
                Source.Connector.MARIADB,
                "127.0.0.1",
                23306,
                "cdc",
                "WIDEROW_CDC_PASSWORD",
                5401,
                List.of(),
                Source.DEFAULT_SNAPSHOT_KEY_LIMIT)),
        tables,
        new HBaseSpec("127.0.0.1:22181", "widerow", "orders", 8),
        new KafkaSpec("127.0.0.1:29092", "widerow", 4),
        new ElasticsearchSpec(
            List.of(URI.create("http://127.0.0.1:29200")), "orders", 1, 0, fields));
  }

  public static ValueField value(String name, String table, String column, FieldType type) {
    return new ValueField(name, table, column, type);
  }

  private static TableSpec table(String name, Cardinality cardinality, boolean root, String pk) {
    return new TableSpec(
        name,
        Pattern.compile("shop_\\d+\\." + name + "_\\d+"),
        "order_id",
        List.of(pk),
        cardinality,
        root,
        new VersionSource.Column("version"),
        Set.of());
  }
}
