package io.widerow.query.explain;

import static org.assertj.core.api.Assertions.assertThat;

import io.widerow.core.change.IngestTestPipelines;
import io.widerow.core.pipeline.Pipeline;
import io.widerow.core.row.CellOrigin;
import io.widerow.core.row.RowWrite;
import io.widerow.core.row.SourceRow;
import io.widerow.core.row.StoredRow;
import io.widerow.core.row.WideRow;
import io.widerow.core.row.WideRowStore;
import io.widerow.core.rowkey.RowKeyCodec;
import io.widerow.query.explain.Explanation.IndexState;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ExplainerTest {

  private static final Pipeline PIPELINE = IngestTestPipelines.orders();
  private static final String ROWKEY = RowKeyCodec.of(PIPELINE.hbase()).encode("7");
  private static final long NOW = 1_700_000_100_000L;

  private final Map<String, SourceRow> cells = new HashMap<>();
  private final Map<String, StoredRow.StoredOrigin> origins = new HashMap<>();
  private long rowVersion;
  private IndexedDocument document;
  private List<StageBacklog> backlog =
      List.of(
          new StageBacklog("merger", "p.changes", 1, 0),
          new StageBacklog("indexer", "p.keys", 1, 0));

  @Test
  void eachCellShowsItsTableRowVersionAndWhatWroteIt() throws Exception {
    live("orders", null, 5, origin("shop_0", "orders_1", "7", "update", 1_700_000_000_000L));
    tombstone(
        "order_item",
        "10",
        4,
        origin("shop_0", "order_item_1", "10", "delete", 1_700_000_050_000L));
    rowVersion = 3;
    document = new IndexedDocument("orders-1", 3, false);

    Explanation e = explain();

    assertThat(e.exists()).isTrue();
    assertThat(e.cells())
        .extracting(
            CellExplanation::qualifier,
            CellExplanation::table,
            CellExplanation::childKey,
            CellExplanation::version,
            CellExplanation::tombstone)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("order_item#10", "order_item", "10", 4L, true),
            org.assertj.core.groups.Tuple.tuple("orders", "orders", null, 5L, false));
    assertThat(e.cells().get(1).origin().physicalTable()).isEqualTo("shop_0.orders_1");
    assertThat(e.cells().get(1).committedAt()).isEqualTo("2023-11-14T22:13:20Z");
    assertThat(e.state()).isEqualTo(IndexState.CURRENT);
    assertThat(e.agrees()).isTrue();
    assertThat(e.newestCommitTsMs()).isEqualTo(1_700_000_050_000L);
    assertThat(e.verdict())
        .isEqualTo("the document was built from the row as it is (_version 3 = m:v 3)");
    assertThat(e.text())
        .contains("d:orders")
        .contains("shop:shop_0.orders_1 pk=7 update at binlog 1:400#0");
  }

  @Test
  void anOlderDocumentIsBehindByTheBumpsItMissedWithTheBacklogAndTheAgeOfTheNewestChange()
      throws Exception {
    live("orders", null, 5, origin("shop_0", "orders_1", "7", "update", NOW - 30_000));
    rowVersion = 5;
    document = new IndexedDocument("orders-1", 3, false);
    backlog =
        List.of(
            new StageBacklog("merger", "p.changes", 1, 0),
            new StageBacklog("indexer", "p.keys", 1, 12));

    Explanation e = explain();

    assertThat(e.state()).isEqualTo(IndexState.BEHIND);
    assertThat(e.behindBy()).isEqualTo(2);
    assertThat(e.verdict())
        .isEqualTo(
            "the index is 2 version(s) behind (_version 3 < m:v 5); its newest change was"
                + " committed 30 s ago; 12 messages wait ahead on its partitions");
    assertThat(e.toJson()).extractingByKey("index").asString().contains("state=behind");
  }

  @Test
  void aCellWrittenWithoutAnOriginOfItsVersionSaysSo() throws Exception {
    cells.put("orders", SourceRow.live("orders", null, 9, Map.of("order_id", 7L)));
    origins.put(
        "orders", new StoredRow.StoredOrigin(5, origin("shop_0", "orders_1", "7", "insert", 1)));
    rowVersion = 2;
    document = new IndexedDocument("orders-1", 2, false);

    CellExplanation cell = explain().cells().get(0);

    assertThat(cell.origin()).isNull();
    assertThat(cell.originNote())
        .isEqualTo(
            "the stored origin is of version 5: this version was written without one (verify --repair?)");
  }

  @Test
  void aDeletedEntityWithATombstoneDocumentOfTheRowsVersionIsCurrent() throws Exception {
    tombstone("orders", null, 6, origin("shop_0", "orders_1", "7", "delete", 1));
    rowVersion = 4;
    document = new IndexedDocument("orders-1", 4, true);

    Explanation e = explain();

    assertThat(e.exists()).isFalse();
    assertThat(e.state()).isEqualTo(IndexState.CURRENT);
  }

  @Test
  void aDocumentNewerThanTheRowIsAheadAndAnUnknownKeyIsUnknown() throws Exception {
    live("orders", null, 5, null);
    rowVersion = 2;
    document = new IndexedDocument("orders-1", 3, false);
    assertThat(explain().state()).isEqualTo(IndexState.AHEAD);

    cells.clear();
    rowVersion = 0;
    document = null;
    assertThat(explain().state()).isEqualTo(IndexState.UNKNOWN);
  }

  private Explanation explain() throws Exception {
    Explainer explainer =
        new Explainer(
            PIPELINE, new Store(), id -> Optional.ofNullable(document), new Backlog(), () -> NOW);
    return explainer.explain("7");
  }

  private void live(String table, String child, long version, CellOrigin origin) {
    SourceRow row = SourceRow.live(table, child, version, Map.of("order_id", 7L));
    cells.put(row.qualifier(), row);
    if (origin != null) {
      origins.put(row.qualifier(), new StoredRow.StoredOrigin(version, origin));
    }
  }

  private void tombstone(String table, String child, long version, CellOrigin origin) {
    SourceRow row = SourceRow.tombstone(table, child, version);
    cells.put(row.qualifier(), row);
    origins.put(row.qualifier(), new StoredRow.StoredOrigin(version, origin));
  }

  private static CellOrigin origin(String db, String table, String pk, String change, long ts) {
    return new CellOrigin("shop", db, table, pk, "1:400#0", ts, change);
  }

  private final class Backlog implements PipelineBacklog {
    @Override
    public List<StageBacklog> backlogOf(String rowkey) {
      return backlog;
    }

    @Override
    public void close() {}
  }

  private final class Store implements WideRowStore {
    @Override
    public StoredRow readStored(String rowkey) {
      assertThat(rowkey).isEqualTo(ROWKEY);
      return new StoredRow(new WideRow(rowkey, rowVersion, cells), origins);
    }

    @Override
    public void write(List<RowWrite> writes) {
      throw new UnsupportedOperationException();
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
