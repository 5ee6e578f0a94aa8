package io.widerow.core.change;

import io.widerow.core.pipeline.ElasticsearchSpec;
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

/** An orders pipeline built in code for ingest's unit tests. */
public final class IngestTestPipelines {

  public static final VersionSource VERSION = new VersionSource.Column("version");

  private IngestTestPipelines() {}

  public static Pipeline orders() {
    Map<String, TableSpec> tables = new LinkedHashMap<>();
    tables.put(
        "orders", table("orders", List.of("order_id"), Cardinality.ONE, true, VERSION, Set.of()));
    tables.put(
        "order_item",
        table(
            "order_item",
            List.of("item_id"),
            Cardinality.MANY,
            false,
            VERSION,
            Set.of("item_id", "order_id", "sku", "version")));
    tables.put(
        "order_line",
        table(
            "order_line",
            List.of("order_id", "line_no"),
            Cardinality.MANY,
            false,
            VERSION,
            Set.of()));
    tables.put(
        "order_audit",
        table(
            "order_audit",
            List.of("audit_id"),
            Cardinality.ONE,
            false,
            new VersionSource.BinlogPosition(),
            Set.of()));
    return new Pipeline(
        "orders",
        List.of(
            new Source(
                "shop",
                Source.Connector.MARIADB,
                "127.0.0.1",
                23306,
                "widerow_cdc",
                "WIDEROW_CDC_PASSWORD",
                5401,
                List.of("shop_0", "shop_1"),
                Source.DEFAULT_SNAPSHOT_KEY_LIMIT)),
        tables,
        new HBaseSpec("127.0.0.1:22181", "widerow", "orders", 8),
        new KafkaSpec("127.0.0.1:29092", "widerow", 4),
        new ElasticsearchSpec(
            List.of(URI.create("http://127.0.0.1:29200")), "orders", 1, 0, List.of()));
  }

  private static TableSpec table(
      String name,
      List<String> primaryKey,
      Cardinality cardinality,
      boolean root,
      VersionSource version,
      Set<String> columns) {
    return new TableSpec(
        name,
        Pattern.compile("shop_\\d+\\." + name + "_\\d+"),
        "order_id",
        primaryKey,
        cardinality,
        root,
        version,
        columns);
  }
}
