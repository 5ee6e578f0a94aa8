package io.widerow.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.widerow.core.document.TestPipelines;
import io.widerow.core.pipeline.Pipeline;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PurgeTest {

  private static final long NOW = 100L * 86_400_000L;
  private static final long DAY = 86_400_000L;

  private final Pipeline pipeline = TestPipelines.orders();
  private final List<Tombstones.Row> deletedCells = new ArrayList<>();
  private final List<Tombstones.Document> deletedDocuments = new ArrayList<>();

  @Test
  void anOlderThanShorterThanTheBinlogRetentionPlusTheLagIsRefusedNamingTheSetting() {
    Purge purge = purge(retention(Duration.ofDays(7)), List.of());
    assertThatThrownBy(() -> purge.run(options(Duration.ofDays(7), null, false)))
        .isInstanceOf(OpsException.class)
        .hasMessageContaining("--older-than PT168H")
        .hasMessageContaining("binlog_expire_logs_seconds=604800")
        .hasMessageContaining("expected at least PT169H");
    assertThat(deletedCells).isEmpty();
  }

  @Test
  void aSourceThatNeverExpiresItsBinlogsAdmitsNoPurgeWithoutAStatedRetention() throws Exception {
    assertThatThrownBy(
            () ->
                purge(retention(Duration.ZERO), List.of())
                    .run(options(Duration.ofDays(30), null, false)))
        .isInstanceOf(OpsException.class)
        .hasMessageContaining("never expires its binlogs")
        .hasMessageContaining("--binlog-retention");
    purge(retention(Duration.ZERO), List.of())
        .run(options(Duration.ofDays(30), Duration.ofDays(7), false));
  }

  @Test
  void onlyTombstonesOfDeletesCommittedBeforeTheCutoffGoAndARootsDocumentGoesWithIt()
      throws Exception {
    List<Tombstones.Row> rows =
        List.of(
            row("01:1", 9, cell("orders", 3, NOW - 40 * DAY)),
            row("01:2", 4, cell("orders", 2, NOW - DAY)), // too young
            row("01:3", 7, cell("order_item#5", 2, NOW - 40 * DAY), cell("order_item#6", 2, 0)));
    Purge.Result result =
        purge(retention(Duration.ofDays(7)), rows).run(options(Duration.ofDays(30), null, false));

    assertThat(result.cells()).isEqualTo(2);
    assertThat(result.rows()).isEqualTo(2);
    assertThat(result.documents()).isEqualTo(1);
    assertThat(result.withoutCommitTime()).isEqualTo(1);
    assertThat(deletedDocuments).containsExactly(new Tombstones.Document("1", "01:1", 9));
    assertThat(deletedCells).extracting(Tombstones.Row::rowkey).containsExactly("01:1", "01:3");
    assertThat(deletedCells.get(1).cells())
        .extracting(Tombstones.Cell::qualifier)
        .containsExactly("order_item#5");
  }

  @Test
  void aDryRunCountsAndRemovesNothing() throws Exception {
    List<Tombstones.Row> rows = List.of(row("01:1", 9, cell("orders", 3, NOW - 40 * DAY)));
    Purge.Result result =
        purge(retention(Duration.ofDays(7)), rows).run(options(Duration.ofDays(30), null, true));
    assertThat(result.cells()).isEqualTo(1);
    assertThat(result.documents()).isEqualTo(1);
    assertThat(deletedCells).isEmpty();
    assertThat(deletedDocuments).isEmpty();
  }

  private static Purge.Options options(Duration olderThan, Duration assumed, boolean dryRun) {
    return new Purge.Options(olderThan, Duration.ofHours(1), assumed, dryRun, 100);
  }

  private static BinlogRetention retention(Duration kept) {
    return source ->
        new BinlogRetention.Retention(
            kept, "binlog_expire_logs_seconds=" + kept.toSeconds() + ", expire_logs_days=0");
  }

  private static Tombstones.Cell cell(String qualifier, long version, long committed) {
    return new Tombstones.Cell(qualifier, version, committed);
  }

  private static Tombstones.Row row(String rowkey, long version, Tombstones.Cell... cells) {
    return new Tombstones.Row(rowkey, version, List.of(cells));
  }

  private Purge purge(BinlogRetention retention, List<Tombstones.Row> rows) {
    Tombstones.Store store =
        new Tombstones.Store() {
          @Override
          public void scan(int batch, Tombstones.RowBatches consumer) throws Exception {
            consumer.accept(rows);
          }

          @Override
          public void delete(List<Tombstones.Row> purged) {
            purged.stream().filter(r -> !r.cells().isEmpty()).forEach(deletedCells::add);
          }

          @Override
          public void close() {}
        };
    Tombstones.Documents documents =
        new Tombstones.Documents() {
          @Override
          public int delete(List<Tombstones.Document> docs) {
            deletedDocuments.addAll(docs);
            return docs.size();
          }

          @Override
          public void close() {}
        };
    StringWriter out = new StringWriter();
    return new Purge(
        pipeline,
        retention,
        store,
        documents,
        rowkey -> rowkey.substring(3),
        new PrintWriter(out),
        new OpsProgress(new PrintWriter(out), "purge", System::nanoTime, Duration.ofSeconds(5)),
        NOW);
  }
}
