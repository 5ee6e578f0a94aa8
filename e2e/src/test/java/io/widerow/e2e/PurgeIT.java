package io.widerow.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.widerow.core.row.WideRow;
import io.widerow.core.row.WideRowStore;
import io.widerow.core.rowkey.RowKeyCodec;
import io.widerow.hbase.HBaseWideRowStore;
import io.widerow.ops.PurgeCommand;
import io.widerow.stack.StackEndpoints;
import io.widerow.testkit.LocalStackExtension;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code widerow purge}: refused below the source's binlog retention; a dry run that counts and
 * removes nothing; then the tombstone cells of deleted orders and items and the tombstone documents
 * of the orders gone, m:v kept, so a re-inserted order is indexed above every version it had.
 */
@ExtendWith(LocalStackExtension.class)
class PurgeIT {

  @Test
  void purgeRemovesOldTombstonesAndKeepsVersionsMonotonic(StackEndpoints stack, @TempDir Path dir)
      throws Exception {
    try (ShardedOrdersPipeline it = new ShardedOrdersPipeline(stack, "purge", dir)) {
      String orders = it.db0 + ".orders_0";
      String items = it.db0 + ".order_item_0";
      it.insertOrders(orders, 1, 20);
      it.sql.sql(
          "INSERT INTO " + items + " VALUES (151, 15, 'SKU-A', 1), (152, 15, 'SKU-B', 1)",
          "DELETE FROM " + orders + " WHERE order_id BETWEEN 1 AND 10",
          "DELETE FROM " + items + " WHERE item_id = 152");
      it.awaitCaughtUp(orders, 20);
      String alias = it.pipeline.elasticsearch().index();
      assertThat(it.es.document(alias, "3").path("_source").path("widerow_deleted").asBoolean())
          .isTrue();

      Run refused = purge(it, "--older-than", "PT1H");
      assertThat(refused.exit()).isEqualTo(1);
      assertThat(refused.out())
          .contains("binlog_expire_logs_seconds")
          .contains("--older-than PT1H");

      String[] rule = {"--older-than", "PT2S", "--binlog-retention", "PT1S", "--max-lag", "PT1S"};
      Run dry =
          await("the deletes are older than 2 s")
              .atMost(ShardedOrdersPipeline.WAIT)
              .until(
                  () -> purge(it, concat(rule, "--dry-run")),
                  r -> r.out().contains("would remove 11 tombstone cell(s) in 11 row(s) and 10"));
      assertThat(dry.exit()).isZero();
      assertThat(it.es.document(alias, "3").path("found").asBoolean()).isTrue();

      RowKeyCodec codec = RowKeyCodec.of(it.pipeline.hbase());
      long versionBefore;
      try (WideRowStore hbase = HBaseWideRowStore.open(it.pipeline.hbase())) {
        WideRow row = hbase.read(List.of(codec.encode("3"))).get(0);
        assertThat(row.cells()).containsKey("orders");
        versionBefore = row.version();

        Run done = purge(it, rule);
        assertThat(done.exit()).as(done.out()).isZero();
        assertThat(done.out())
            .contains("removed 11 tombstone cell(s) in 11 row(s) and 10 tombstone document(s)");
        for (int id = 1; id <= 10; id++) {
          assertThat(it.es.document(alias, String.valueOf(id)).path("found").asBoolean())
              .as("tombstone document %d", id)
              .isFalse();
        }
        WideRow purged = hbase.read(List.of(codec.encode("3"))).get(0);
        assertThat(purged.cells()).isEmpty();
        assertThat(purged.version()).isEqualTo(versionBefore);
        WideRow child = hbase.read(List.of(codec.encode("15"))).get(0);
        assertThat(child.cells()).containsOnlyKeys("orders", "order_item#151");
        assertThat(purge(it, rule).out()).contains("removed 0 tombstone cell(s)");
      }

      // A new life for order 3: indexed at a version above its tombstone's.
      it.sql.sql("INSERT INTO " + orders + " VALUES (3, 5, 'AGAIN', 2.00, 1, 'n')");
      JsonNode again =
          it.awaitDocument("3", d -> "AGAIN".equals(d.path("_source").path("status").asText()));
      assertThat(again.path("_version").asLong()).isGreaterThan(versionBefore);
      it.awaitCaughtUp(orders, 20);
      List<String> keys = new ArrayList<>(ShardedOrdersPipeline.keys(0, 21));
      assertThat(it.verify(keys).differences()).isEmpty();
    }
  }

  private static String[] concat(String[] a, String... b) {
    String[] all = java.util.Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, all, a.length, b.length);
    return all;
  }

  private record Run(int exit, String out) {}

  private static Run purge(ShardedOrdersPipeline it, String... args) {
    StringWriter out = new StringWriter();
    CommandLine cli = new CommandLine(new PurgeCommand(it.sql.environment()));
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(out, true));
    List<String> all = new ArrayList<>(List.of("--pipeline", it.file.toString()));
    all.addAll(List.of(args));
    int exit = cli.execute(all.toArray(String[]::new));
    System.out.println("purge " + all + " -> " + exit + "\n" + out);
    return new Run(exit, out.toString());
  }
}
