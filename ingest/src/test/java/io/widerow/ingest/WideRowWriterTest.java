package io.widerow.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.codahale.metrics.MetricRegistry;
import io.widerow.core.change.BinlogPosition;
import io.widerow.core.change.ChangeEvent;
import io.widerow.core.change.ChangeEvent.Op;
import io.widerow.core.change.ChangeEventMapper;
import io.widerow.core.change.IngestTestPipelines;
import io.widerow.core.deadletter.DeadLetter;
import io.widerow.core.retry.Retrier;
import io.widerow.core.retry.RetrySettings;
import io.widerow.core.row.CellScan;
import io.widerow.core.row.KeyMessage;
import io.widerow.core.row.KeyPublisher;
import io.widerow.core.row.RowWrite;
import io.widerow.core.row.WideRow;
import io.widerow.core.row.WideRowStore;
import io.widerow.core.rowkey.RowKeyCodec;
import io.widerow.core.service.FatalException;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WideRowWriterTest {

  private static final RowKeyCodec ROWKEYS = new RowKeyCodec(8);
  private static final RetrySettings FAST =
      new RetrySettings(Duration.ofMillis(1), Duration.ofMillis(2), Duration.ofMillis(200), 0);

  private final List<String> calls = new ArrayList<>();
  private final FakeStore store = new FakeStore();
  private final List<KeyMessage> published = new ArrayList<>();
  private final List<DeadLetter> deadLetters = new ArrayList<>();
  private final MetricRegistry registry = new MetricRegistry();
  private int publishFailuresLeft;
  private final IngestMetrics metrics = new IngestMetrics(registry);
  private final WideRowWriter writer =
      new WideRowWriter(
          new ChangeEventMapper(IngestTestPipelines.orders()),
          store,
          store,
          new KeyPublisher() {
            @Override
            public void publish(List<KeyMessage> keys) throws IOException {
              calls.add("publish " + keys.size());
              if (publishFailuresLeft > 0) {
                publishFailuresLeft--;
                throw new IOException("broker unavailable");
              }
              published.addAll(keys);
            }

            @Override
            public void close() {}
          },
          letters -> {
            calls.add("dead-letter " + letters.size());
            deadLetters.addAll(letters);
          },
          new Retrier("ingest", FAST, metrics.stage().retries()),
          metrics);

  @Test
  void writesCellsBeforePublishingTheirKeys() throws Exception {
    writer.write(List.of(order(1, 1, 1000), item(1, 10, 1, 1000)), List.of());

    assertThat(calls).containsExactly("write 2", "publish 1");
    assertThat(published).containsExactly(new KeyMessage(ROWKEYS.encode("1"), 1000));
  }

  @Test
  void publishesEachRowkeyOnceWithItsOldestSourceTime() throws Exception {
    writer.write(
        List.of(order(1, 1, 3000), order(2, 1, 2000), item(1, 10, 1, 1000), order(1, 2, 4000)),
        List.of());

    assertThat(published)
        .containsExactly(
            new KeyMessage(ROWKEYS.encode("1"), 1000), new KeyMessage(ROWKEYS.encode("2"), 2000));
  }

  @Test
  void keepsOnlyTheNewestCellOfAQualifierWithinABatch() throws Exception {
    writer.write(List.of(order(1, 5, 1000), order(1, 3, 1000), order(1, 4, 1000)), List.of());

    assertThat(store.written)
        .singleElement()
        .satisfies(w -> assertThat(w.row().version()).isEqualTo(5));
  }

  @Test
  void transientStoreFailureIsRetried() throws Exception {
    store.failuresLeft = 2;

    writer.write(List.of(order(1, 1, 1000)), List.of());

    assertThat(calls).containsExactly("write 1", "write 1", "write 1", "publish 1");
    assertThat(metrics.stage().retries().getCount()).isEqualTo(2);
  }

  @Test
  void storeThatKeepsFailingPublishesNothingAndThrows() {
    store.failuresLeft = Integer.MAX_VALUE;

    assertThatThrownBy(() -> writer.write(List.of(order(1, 1, 1000)), List.of()))
        .isInstanceOf(IOException.class);
    assertThat(published).isEmpty();
    assertThat(calls).doesNotContain("publish 1");
  }

  @Test
  void recordErrorIsDeadLetteredWithTheChangeItsReasonAndPositionAndTheBatchMovesOn()
      throws Exception {
    ChangeEvent noKey = event("orders_0", Op.CREATE, row("order_id", null, "version", 1L), 1000);

    writer.write(List.of(noKey, order(2, 1, 1000)), List.of());

    assertThat(deadLetters)
        .singleElement()
        .satisfies(
            d -> {
              assertThat(d.stage()).isEqualTo("ingest.mapper");
              assertThat(d.reason())
                  .isEqualTo("orders: key column 'order_id' is null in the 'after' row");
              assertThat(d.where()).isEqualTo("shop:shop_0.orders_0@1:400#0");
              assertThat(ChangeLetters.decode(d.value())).isEqualTo(noKey);
            });
    assertThat(published).containsExactly(new KeyMessage(ROWKEYS.encode("2"), 1000));
    assertThat(metrics.recordErrorCount()).isEqualTo(1);
    assertThat(registry.counter("ingest.dead_letters").getCount()).isEqualTo(1);
  }

  @Test
  void unreadableRecordsAreDeadLetteredToo() throws Exception {
    DeadLetter unreadable = new DeadLetter("ingest.debezium", null, null, "bad", "shop:x@1");

    writer.write(List.of(), List.of(unreadable));

    assertThat(deadLetters).containsExactly(unreadable);
    assertThat(calls).containsExactly("dead-letter 1");
  }

  @Test
  void changesOfUnknownTablesAreCountedAndNotWritten() throws Exception {
    writer.write(
        List.of(event("customers_0", Op.CREATE, row("order_id", 1L, "version", 1L), 1000)),
        List.of());

    assertThat(calls).isEmpty();
    assertThat(metrics.unknownTableSkips()).isEqualTo(1);
  }

  @Test
  void rowTooLargeForAnHBaseCellIsDeadLetteredAndTheBatchMovesOn() throws Exception {
    WideRowWriter small =
        new WideRowWriter(
            new ChangeEventMapper(IngestTestPipelines.orders()),
            store,
            store,
            new KeyPublisher() {
              @Override
              public void publish(List<KeyMessage> keys) {
                published.addAll(keys);
              }

              @Override
              public void close() {}
            },
            deadLetters::addAll,
            new Retrier("ingest", FAST, metrics.stage().retries()),
            metrics,
            4096);
    ChangeEvent huge =
        event(
            "orders_0", Op.CREATE, row("order_id", 1L, "version", 1L, "note", "x".repeat(5000)), 9);
    ChangeEvent fits =
        event(
            "orders_0", Op.CREATE, row("order_id", 2L, "version", 1L, "note", "x".repeat(600)), 9);

    small.write(List.of(huge, fits), List.of());

    assertThat(deadLetters)
        .singleElement()
        .satisfies(
            d -> {
              assertThat(d.reason())
                  .startsWith("orders: the row's cell would take ")
                  .endsWith(
                      "above HBase's limit of 4096 bytes per cell"
                          + " (hbase.client.keyvalue.maxsize)")
                  .doesNotContain("xxx");
              assertThat(d.where()).isEqualTo("shop:shop_0.orders_0@1:400#0");
            });
    assertThat(store.written).extracting(RowWrite::rowkey).containsExactly(ROWKEYS.encode("2"));
    assertThat(published).containsExactly(new KeyMessage(ROWKEYS.encode("2"), 9));
  }

  @Test
  void entityKeyThatMakesARowkeyOverHBasesLimitIsDeadLetteredAndTheBatchMovesOn() throws Exception {
    String longKey = "k".repeat(40_000);
    ChangeEvent tooLong =
        event("order_item_0", Op.CREATE, row("order_id", longKey, "item_id", 1L, "version", 1L), 9);

    writer.write(List.of(tooLong, order(2, 1, 9)), List.of());

    assertThat(deadLetters)
        .singleElement()
        .satisfies(
            d ->
                assertThat(d.reason())
                    .isEqualTo(
                        "order_item: the entity key makes a rowkey of 40003 bytes, above HBase's"
                            + " limit of 32767 bytes per rowkey"));
    assertThat(store.written).extracting(RowWrite::rowkey).containsExactly(ROWKEYS.encode("2"));
  }

  @Test
  void aTableThatLostAColumnThePipelineNamesStopsIngestNamingTableColumnAndRemedy() {
    ChangeEvent noVersion = event("orders_0", Op.CREATE, row("order_id", 1L), 1000);

    assertThatThrownBy(() -> writer.write(List.of(order(2, 1, 9), noVersion), List.of()))
        .isInstanceOf(FatalException.class)
        .hasMessage(
            "shop:shop_0.orders_0@1:400#0: tables.orders: version column 'version' is missing"
                + " from the rows of shop_0.orders_0 (dropped or renamed by ALTER TABLE?); no"
                + " change of this table can be stored: restore the column, or change the pipeline"
                + " file to name the table's columns as they are now, then restart ingest (it"
                + " resumes at this change)");
    assertThat(store.written).isEmpty();
    assertThat(published).isEmpty();
  }

  @Test
  void truncateBuriesTheCellsItsTableWroteBetweenTheChangesBeforeAndAfterIt() throws Exception {
    store.liveCells =
        List.of(
            new CellScan.TableCell(ROWKEYS.encode("1"), "orders", 7),
            new CellScan.TableCell(ROWKEYS.encode("3"), "orders", 2));
    ChangeEvent truncate =
        new ChangeEvent(
            "shop",
            "shop_0",
            "orders_0",
            Op.TRUNCATE,
            null,
            null,
            new BinlogPosition(1, 500, 0),
            77);

    writer.write(List.of(order(5, 1, 10), truncate, order(1, 9, 20)), List.of());

    assertThat(calls)
        .containsExactly(
            "write 1",
            "publish 1",
            "scan orders of shop_0.orders_0",
            "write 2",
            "publish 2",
            "write 1",
            "publish 1");
    assertThat(store.written.subList(1, 3))
        .allSatisfy(
            w -> {
              assertThat(w.row().deleted()).isTrue();
              assertThat(w.origin().change()).isEqualTo("truncate");
              assertThat(w.origin().position()).isEqualTo("1:500#0");
            })
        .extracting(w -> w.row().version())
        .containsExactly(8L, 3L);
    assertThat(published.subList(1, 3))
        .containsExactly(
            new KeyMessage(ROWKEYS.encode("1"), 77), new KeyMessage(ROWKEYS.encode("3"), 77));
    assertThat(metrics.truncatedCells()).isEqualTo(2);
  }

  @Test
  void countsEventsInKeysOutAndLag() throws Exception {
    writer.write(
        List.of(order(1, 1, System.currentTimeMillis()), order(2, 1, System.currentTimeMillis())),
        List.of());

    assertThat(registry.meter("ingest.in").getCount()).isEqualTo(2);
    assertThat(registry.meter("ingest.out").getCount()).isEqualTo(2);
    assertThat(registry.meter("ingest.cells_written").getCount()).isEqualTo(2);
    assertThat(registry.histogram("ingest.batch_size").getSnapshot().getMax()).isEqualTo(2);
    assertThat(metrics.stage().lag().getCount()).isEqualTo(2);
  }

  @Test
  void initialSnapshotHoldsItsKeysAndTheBatchThatEndsItPublishesEachOnce() throws Exception {
    SnapshotKeys snapshot = metrics.snapshotKeys(100);

    writer.write(List.of(order(1, 1, 3000), order(2, 1, 2000)), List.of(), snapshot, true);
    writer.write(List.of(item(1, 10, 1, 1000), item(2, 20, 1, 4000)), List.of(), snapshot, true);

    assertThat(calls).containsExactly("write 2", "write 2");
    assertThat(metrics.snapshotKeysHeld()).isEqualTo(2);
    assertThat(registry.counter("ingest.snapshot_keys_held").getCount()).isEqualTo(2);

    writer.write(List.of(item(3, 30, 1, 5000)), List.of(), snapshot, false);

    assertThat(calls).containsExactly("write 2", "write 2", "write 1", "publish 3");
    assertThat(published)
        .containsExactlyInAnyOrder(
            new KeyMessage(ROWKEYS.encode("1"), 1000),
            new KeyMessage(ROWKEYS.encode("2"), 2000),
            new KeyMessage(ROWKEYS.encode("3"), 5000));
    assertThat(metrics.snapshotKeysHeld()).isZero();
    assertThat(metrics.stage().delivered()).isEqualTo(3);

    writer.write(List.of(order(1, 2, 6000)), List.of(), snapshot, false);
    assertThat(calls).endsWith("publish 1");
  }

  @Test
  void snapshotPublishesWhatItHoldsOnceItHoldsItsLimit() throws Exception {
    SnapshotKeys snapshot = metrics.snapshotKeys(3);

    writer.write(List.of(order(1, 1, 1000), order(2, 1, 1000)), List.of(), snapshot, true);
    writer.write(List.of(item(1, 10, 1, 1000)), List.of(), snapshot, true);
    assertThat(published).isEmpty();

    writer.write(List.of(order(3, 1, 1000), order(4, 1, 1000)), List.of(), snapshot, true);

    assertThat(published)
        .extracting(KeyMessage::rowkey)
        .containsExactlyInAnyOrder(
            ROWKEYS.encode("1"), ROWKEYS.encode("2"), ROWKEYS.encode("3"), ROWKEYS.encode("4"));
    assertThat(snapshot.isEmpty()).isTrue();
  }

  @Test
  void heldKeysThatCouldNotBePublishedStayHeldAndTheBatchFails() throws Exception {
    SnapshotKeys snapshot = metrics.snapshotKeys(100);
    writer.write(List.of(order(1, 1, 1000)), List.of(), snapshot, true);
    publishFailuresLeft = Integer.MAX_VALUE;

    assertThatThrownBy(() -> writer.write(List.of(order(2, 1, 1000)), List.of(), snapshot, false))
        .isInstanceOf(IOException.class);

    assertThat(published).isEmpty();
    assertThat(snapshot.size()).isEqualTo(2);
    assertThat(metrics.snapshotKeysHeld()).isEqualTo(2);
  }

  @Test
  void aSnapshotBatchNeedsTheSourcesHeldKeys() {
    assertThatThrownBy(() -> writer.write(List.of(order(1, 1, 1000)), List.of(), null, true))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("SnapshotKeys");
    assertThat(calls).isEmpty();
  }

  private ChangeEvent order(long orderId, long version, long ts) {
    return event("orders_0", Op.CREATE, row("order_id", orderId, "version", version), ts);
  }

  private ChangeEvent item(long orderId, long itemId, long version, long ts) {
    return event(
        "order_item_0",
        Op.CREATE,
        row("order_id", orderId, "item_id", itemId, "version", version),
        ts);
  }

  private static ChangeEvent event(String table, Op op, Map<String, Object> after, long ts) {
    return new ChangeEvent(
        "shop", "shop_0", table, op, null, after, new BinlogPosition(1, 400, 0), ts);
  }

  private static Map<String, Object> row(Object... columnsAndValues) {
    Map<String, Object> row = new LinkedHashMap<>();
    for (int i = 0; i < columnsAndValues.length; i += 2) {
      row.put((String) columnsAndValues[i], columnsAndValues[i + 1]);
    }
    return row;
  }

  private final class FakeStore implements WideRowStore, CellScan {
    final List<RowWrite> written = new ArrayList<>();
    int failuresLeft;
    List<TableCell> liveCells = List.of();

    @Override
    public Summary liveCellsOf(
        String logicalTable, String database, String table, int pageSize, Pages pages)
        throws Exception {
      calls.add("scan " + logicalTable + " of " + database + "." + table);
      pages.accept(liveCells);
      return new Summary(liveCells.size(), 0);
    }

    @Override
    public void write(List<RowWrite> writes) throws IOException {
      calls.add("write " + writes.size());
      if (failuresLeft > 0) {
        failuresLeft--;
        throw new IOException("region server unavailable");
      }
      written.addAll(writes);
    }

    @Override
    public Map<String, Long> bumpVersions(Collection<String> rowkeys) {
      throw new UnsupportedOperationException();
    }

    @Override
    public List<WideRow> read(List<String> rowkeys) {
      throw new UnsupportedOperationException();
    }

    @Override
    public void close() {}
  }
}
