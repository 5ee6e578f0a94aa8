package io.widerow.ingest.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.widerow.core.change.IngestTestPipelines;
import io.widerow.core.pipeline.Pipeline;
import io.widerow.core.pipeline.Source;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SourceCheckTest {

  private final Pipeline pipeline = IngestTestPipelines.orders();
  private final Source shop = pipeline.sources().get(0);

  @Test
  void everyLogicalTableMatchingSomeTableOfSomeSourcePasses() {
    Map<Source, Set<String>> tables =
        Map.of(
            shop,
            Set.of(
                "shop_0.orders_0",
                "shop_1.order_item_3",
                "shop_0.order_line_0",
                "shop_0.order_audit_0",
                "shop_0.unrelated"));

    assertThat(SourceCheck.unmatchedTables(pipeline, tables)).isEmpty();
  }

  @Test
  void logicalTableMatchingNoTableIsNamedWithItsPatternAndWhereItLooked() {
    Map<Source, Set<String>> tables =
        Map.of(shop, Set.of("shop_0.orders_0", "shop_0.order_line_0", "shop_0.order_audit_0"));

    assertThat(SourceCheck.unmatchedTables(pipeline, tables))
        .containsExactly(
            "tables.order_item.physical: pattern 'shop_\\d+\\.order_item_\\d+' matches no table on"
                + " source shop (127.0.0.1:23306, databases [shop_0, shop_1]); expected at least"
                + " one existing table (create it, or fix the pattern)");
  }

  @Test
  void patternMustMatchTheWholeName() {
    Map<Source, Set<String>> tables =
        Map.of(
            shop,
            Set.of(
                "shop_0.orders_0_old",
                "shop_0.order_item_0",
                "shop_0.order_line_0",
                "shop_0.order_audit_0"));

    assertThat(SourceCheck.unmatchedTables(pipeline, tables))
        .singleElement()
        .asString()
        .startsWith("tables.orders.physical: pattern 'shop_\\d+\\.orders_\\d+' matches no table");
  }
}
