package io.widerow.verify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.widerow.core.change.BinlogPosition;
import io.widerow.core.change.ChangeEvent;
import io.widerow.core.change.ChangeEventMapper;
import io.widerow.core.change.MappingResult;
import io.widerow.core.document.BuildOutcome;
import io.widerow.core.document.DocumentBuilder;
import io.widerow.core.document.IndexAction;
import io.widerow.core.pipeline.Pipeline;
import io.widerow.core.row.KeyMessage;
import io.widerow.core.row.RowWrite;
import io.widerow.core.row.SourceRow;
import io.widerow.core.rowkey.RowKeyCodec;
import io.widerow.verify.Difference.Kind;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class VerifierTest {

  private static final Pipeline PIPELINE = VerifyPipelines.small();
  private static final RowKeyCodec ROWKEYS = RowKeyCodec.of(PIPELINE.hbase());

  private final Fakes.Source source = new Fakes.Source(PIPELINE);
  private final Fakes.Rows rows = new Fakes.Rows();
  private final Fakes.Documents docs = new Fakes.Documents();
  private final Fakes.Publisher changes = new Fakes.Publisher();
  private final Map<String, Long> raised = new java.util.LinkedHashMap<>();
  private final StringWriter out = new StringWriter();

  @BeforeEach
  void twoEntitiesInStep() {
    source.events.add(order("K1", 2, "PAID"));
    source.events.add(item("K1", 1, 1, "A"));
    source.events.add(item("K1", 2, 1, "B"));
    source.events.add(order("K2", 5, "NEW"));
    source.events.add(note("K2", "fragile"));
    syncAll();
  }

  @Test
  void storesInStepHaveNoDifferences() throws Exception {
    VerifyReport.Summary summary = verify(false, List.of());

    assertThat(summary.differences()).isZero();
    assertThat(summary.entities()).isEqualTo(2);
    assertThat(out.toString()).contains("summary: entities=2 differences=0");
  }

  @Test
  void everyKindOfDifferenceIsFoundInAFullRun() throws Exception {
    rows.cells.get(rowkey("K1")).remove("items#2");
    docs.put("K2", 9, Map.of("rowkey", rowkey("K2"), "order_id", "K2", "status", "OLD"));
    rows.write(List.of(new RowWrite(rowkey("K9"), order("K9", 1, "GHOST", true))));
    docs.put("K8", 1, Map.of("rowkey", rowkey("K8"), "order_id", "K8"));
    docs.docs.remove("K1");

    VerifyReport.Summary summary = verify(false, List.of());

    assertThat(summary.byKind())
        .containsEntry(Kind.MISSING_CELL, 1L)
        .containsEntry(Kind.STALE_DOC, 1L)
        .containsEntry(Kind.MISSING_DOC, 1L)
        .containsEntry(Kind.EXTRA_ENTITY, 1L)
        .containsEntry(Kind.EXTRA_DOC, 1L); // K8, found by the index scan
    assertThat(out.toString())
        .contains("STALE_DOC key=K2", "at=fields note,status,total es=9 hbase_mv=1");
  }

  @Test
  void repairRewritesHBaseAndRepublishesEveryKeyThatDiffered() throws Exception {
    SourceRow gone = item("K1", 3, 4, "C", true);
    rows.write(List.of(new RowWrite(rowkey("K1"), gone)));
    rows.cells.get(rowkey("K2")).put("orders", order("K2", 4, "OLDER", true));
    docs.docs.remove("K2");

    VerifyReport.Summary repaired = verify(true, List.of());

    assertThat(repaired.cellsWritten()).isEqualTo(2);
    assertThat(changes.published)
        .extracting(KeyMessage::rowkey)
        .containsExactlyInAnyOrder(rowkey("K1"), rowkey("K2"));
    assertThat(rows.cells.get(rowkey("K1")).get("items#3"))
        .isEqualTo(SourceRow.tombstone("items", "3", 5));
    out.getBuffer().setLength(0);
    VerifyReport.Summary after = verify(false, List.of());
    assertThat(after.byKind().keySet()).containsOnly(Kind.MISSING_DOC); // the indexer's part
  }

  @Test
  void repairRaisesTheRowVersionAboveADocumentThatWouldRefuseTheReindex() throws Exception {
    docs.put("K2", 9, Map.of("rowkey", rowkey("K2"), "order_id", "K2", "status", "OLD"));

    verify(true, List.of());

    assertThat(raised).containsExactly(Map.entry(rowkey("K2"), 9L));
    assertThat(changes.published).extracting(KeyMessage::rowkey).containsExactly(rowkey("K2"));
  }

  @Test
  void keysAreCheckedEvenWhenTheSourceHasNoRowOfThem() throws Exception {
    rows.write(List.of(new RowWrite(rowkey("K9"), order("K9", 1, "GHOST", true))));

    VerifyReport.Summary summary = verify(false, List.of("K1", "K9"));

    assertThat(summary.entities()).isEqualTo(2);
    assertThat(summary.byKind()).containsOnlyKeys(Kind.EXTRA_ENTITY);
  }

  @Test
  void sourceRowIngestCannotMapIsASourceError() throws Exception {
    Map<String, Object> noKey = new LinkedHashMap<>(order("K3", 1, "X").after());
    noKey.put("order_id", null);
    source.events.add(event("orders_0", noKey, null));

    VerifyReport.Summary summary = verify(false, List.of());

    assertThat(summary.byKind()).containsOnlyKeys(Kind.SOURCE_ERROR);
    assertThat(out.toString()).contains("SOURCE_ERROR key=? rowkey=? at=vdb.orders_0");
  }

  @Test
  void cursorOutOfKeyOrderStopsTheRun() {
    var cursor =
        Fakes.Source.cursor("vdb.orders_0", List.of(order("K2", 1, "X"), order("K1", 1, "Y")));
    var entities = new SourceEntities(new ChangeEventMapper(PIPELINE, ROWKEYS), ROWKEYS, d -> {});

    assertThatThrownBy(
            () -> {
              try (EntityMerge merge = new EntityMerge(List.of(cursor), entities)) {
                while (merge.next() != null) {
                  // drain
                }
              }
            })
        .isInstanceOf(EntityMerge.SourceOrderException.class)
        .hasMessageContaining("vdb.orders_0");
  }

  @Test
  void mergeJoinsEveryTablesRowsOfOneKey() throws Exception {
    var entities = new SourceEntities(new ChangeEventMapper(PIPELINE, ROWKEYS), ROWKEYS, d -> {});
    Set<String> seen = new TreeSet<>();
    try (EntityMerge merge = new EntityMerge(source.openCursors(), entities)) {
      for (SourceEntity e = merge.next(); e != null; e = merge.next()) {
        for (SourceRow r : e.rows()) {
          seen.add(e.key() + ":" + r.qualifier());
        }
      }
    }
    assertThat(seen)
        .containsExactly("K1:items#1", "K1:items#2", "K1:orders", "K2:notes", "K2:orders");
  }

  // ---- helpers ----

  private VerifyReport.Summary verify(boolean repair, List<String> keys) throws Exception {
    PrintWriter err = new PrintWriter(new StringWriter());
    Verifier verifier =
        new Verifier(
            PIPELINE,
            source,
            rows,
            rows,
            docs,
            repair ? new Repairer(rows, raised::putAll, changes, () -> 1L) : null,
            new VerifyReport(new PrintWriter(out)),
            new Progress(err, System::nanoTime, Duration.ofSeconds(5)),
            err);
    return verifier.run(new Verifier.Options(keys, 0, repair, 2));
  }

  /** What ingest, merger and indexer would have made of the source. */
  private void syncAll() {
    ChangeEventMapper mapper = new ChangeEventMapper(PIPELINE, ROWKEYS);
    for (ChangeEvent e : source.events) {
      rows.write(((MappingResult.Writes) mapper.map(e)).writes());
    }
    DocumentBuilder builder = new DocumentBuilder(PIPELINE, ROWKEYS::decode);
    for (var row : rows.read(List.copyOf(rows.bumpVersions(rows.cells.keySet()).keySet()))) {
      BuildOutcome built = builder.build(row);
      if (((BuildOutcome.Ready) built).action() instanceof IndexAction.Upsert u) {
        docs.put(u.id(), u.version(), u.document());
      }
    }
  }

  private static String rowkey(String key) {
    return ROWKEYS.encode(key);
  }

  private static ChangeEvent order(String key, long version, String status) {
    Map<String, Object> after = new LinkedHashMap<>();
    after.put("order_id", key);
    after.put("status", status);
    after.put("total", "9.50");
    after.put("version", version);
    return event("orders_0", after, null);
  }

  private static SourceRow order(String key, long version, String status, boolean asCell) {
    return SourceRow.live("orders", null, version, order(key, version, status).after());
  }

  private static ChangeEvent item(String key, long id, long version, String sku) {
    return event(
        "items_0",
        Map.of("item_id", id, "order_id", key, "sku", sku, "price", "1.00", "version", version),
        null);
  }

  private static SourceRow item(String key, long id, long version, String sku, boolean asCell) {
    return SourceRow.live(
        "items", String.valueOf(id), version, item(key, id, version, sku).after());
  }

  private static ChangeEvent note(String key, String text) {
    return event("notes_0", Map.of("order_id", key, "text", text), new BinlogPosition(3, 400, 0));
  }

  private static ChangeEvent event(String table, Map<String, Object> after, BinlogPosition at) {
    return new ChangeEvent("src", "vdb", table, ChangeEvent.Op.READ, null, after, at, 0);
  }
}
