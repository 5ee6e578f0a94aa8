package io.widerow.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.widerow.ops.SnapshotCommand;
import io.widerow.stack.StackEndpoints;
import io.widerow.testkit.LocalStackExtension;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * Backfill while streaming: a table renamed into a pattern (an online schema change tool's copy)
 * holds rows the binlog never showed; {@code widerow snapshot --tables} reads them in chunks while
 * some of them change, and verify finds nothing stale. Then another such table, and a restart:
 * ingest asks for a snapshot of that new table alone.
 */
@ExtendWith(LocalStackExtension.class)
class SnapshotIT {

  private static final int ROWS = 3000;

  @Test
  void incrementalSnapshotBackfillsWhileStreamingAndARestartSnapshotsOnlyWhatIsNew(
      StackEndpoints stack, @TempDir Path dir) throws Exception {
    root(
        stack,
        "GRANT CREATE, SELECT, INSERT, UPDATE, DELETE ON widerow.* TO '"
            + stack.cdcUser()
            + "'@'%'");
    try (ShardedOrdersPipeline it = new ShardedOrdersPipeline(stack, "snap", dir)) {
      String copy = it.db0 + ".orders_copy";
      it.sql.sql("CREATE TABLE " + copy + " " + ShardedOrdersPipeline.ORDERS_COLUMNS);
      it.insertOrders(copy, 1000, ROWS);
      it.sql.sql("RENAME TABLE " + copy + " TO " + it.db0 + ".orders_7");
      String orders7 = it.db0 + ".orders_7";
      // Streamed changes of some of its rows race the chunks that read them.
      it.sql.sql("UPDATE " + orders7 + " SET version = 7, status = 'LATE' WHERE order_id < 1100");
      assertThat(
              it.es.document(it.pipeline.elasticsearch().index(), "2500").path("found").asBoolean())
          .isFalse();

      Run run = snapshot(it, "--tables", it.db0 + "\\.orders_7", "--timeout", "PT3M");
      assertThat(run.exit()).as(run.out()).isZero();
      assertThat(run.out()).contains("1 table(s), ~" + ROWS + " rows").contains("snapshot: done");
      it.sql.sql("UPDATE " + orders7 + " SET version = 8, status = 'LATER' WHERE order_id < 1050");
      it.awaitCaughtUp(orders7, 1000 + ROWS - 1);
      assertThat(it.verify(ShardedOrdersPipeline.keys(1000, ROWS)).differences()).isEmpty();

      // Another copy renamed in while ingest runs; at the next start ingest finds it new.
      String copy2 = it.db0 + ".orders_copy2";
      it.sql.sql("CREATE TABLE " + copy2 + " " + ShardedOrdersPipeline.ORDERS_COLUMNS);
      it.insertOrders(copy2, 5000, 500);
      it.sql.sql("RENAME TABLE " + copy2 + " TO " + it.db0 + ".orders_8");
      it.restart();
      it.awaitDocument("5499", ShardedOrdersPipeline::live);
      it.awaitCaughtUp(it.db0 + ".orders_8", 5000);
      assertThat(it.verify(ShardedOrdersPipeline.keys(5000, 500)).differences()).isEmpty();
      assertThat(signalsOf(stack, it.pipeline.name()))
          .containsExactlyInAnyOrder(List.of(orders7), List.of(it.db0 + ".orders_8"));
    }
  }

  /** The tables of each execute-snapshot signal in the pipeline's signal table. */
  private static List<List<String>> signalsOf(StackEndpoints stack, String pipeline)
      throws Exception {
    List<List<String>> signals = new ArrayList<>();
    try (Connection c =
            DriverManager.getConnection(
                stack.mariadbJdbcUrl(), stack.mariadbRootUser(), stack.mariadbRootPassword());
        Statement s = c.createStatement();
        ResultSet r =
            s.executeQuery(
                "SELECT data FROM widerow.signal_"
                    + pipeline
                    + " WHERE type = 'execute-snapshot'")) {
      while (r.next()) {
        var node = new com.fasterxml.jackson.databind.ObjectMapper().readTree(r.getString(1));
        List<String> tables = new ArrayList<>();
        node.path("data-collections").forEach(t -> tables.add(t.asText()));
        signals.add(tables);
      }
    }
    return signals;
  }

  private static void root(StackEndpoints stack, String sql) throws Exception {
    try (Connection c =
            DriverManager.getConnection(
                stack.mariadbJdbcUrl(), stack.mariadbRootUser(), stack.mariadbRootPassword());
        Statement s = c.createStatement()) {
      s.execute(sql);
    }
  }

  private record Run(int exit, String out) {}

  private static Run snapshot(ShardedOrdersPipeline it, String... args) {
    StringWriter out = new StringWriter();
    CommandLine cli = new CommandLine(new SnapshotCommand(it.sql.environment()));
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(out, true));
    List<String> all = new ArrayList<>(List.of("--pipeline", it.file.toString()));
    all.addAll(List.of(args));
    int exit = cli.execute(all.toArray(String[]::new));
    System.out.println("snapshot " + all + " -> " + exit + "\n" + out);
    return new Run(exit, out.toString());
  }
}
