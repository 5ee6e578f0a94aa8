package io.widerow.query.explain;

import io.widerow.core.pipeline.Pipeline;
import io.widerow.core.pipeline.TableSpec;
import io.widerow.core.row.CellOrigin;
import io.widerow.core.row.CellQualifier;
import io.widerow.core.row.SourceRow;
import io.widerow.core.row.StoredRow;
import io.widerow.core.row.WideRow;
import io.widerow.core.row.WideRowStore;
import io.widerow.core.rowkey.RowKeyCodec;
import io.widerow.query.explain.Explanation.IndexState;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import java.util.function.LongSupplier;

/**
 * Explains one entity: reads its wide row with the cells' origins in one Get, its document by id,
 * and the backlog on its partitions, and says whether the document was built from the row as it is.
 * The first thing to run when a user says "my order looks wrong". Reads only; never changes
 * anything.
 */
public final class Explainer implements AutoCloseable {

  private final WideRowStore store;
  private final DocumentLookup documents;
  private final PipelineBacklog backlog;
  private final TableSpec root;
  private final RowKeyCodec rowkeys;
  private final LongSupplier clockMs;

  /**
   * @param backlog null when the backlog cannot be read (then it is reported as unknown)
   */
  public Explainer(
      Pipeline pipeline,
      WideRowStore store,
      DocumentLookup documents,
      PipelineBacklog backlog,
      LongSupplier clockMs) {
    this.store = store;
    this.documents = documents;
    this.backlog = backlog;
    this.root = pipeline.rootTable();
    this.rowkeys = RowKeyCodec.of(pipeline.hbase());
    this.clockMs = clockMs;
  }

  public Explanation explain(String key) throws Exception {
    String rowkey = rowkeys.encode(key);
    StoredRow stored = store.readStored(rowkey);
    WideRow row = stored.row();
    List<CellExplanation> cells = cells(stored);
    boolean exists =
        root.cardinality() == TableSpec.Cardinality.ONE
            ? row.one(root.name()).isPresent()
            : !row.many(root.name()).isEmpty();
    Optional<IndexedDocument> document = documents.document(key);
    List<StageBacklog> waiting = backlog == null ? List.of() : backlog.backlogOf(rowkey);
    long newest =
        cells.stream()
            .filter(c -> c.origin() != null)
            .mapToLong(c -> c.origin().commitTsMs())
            .max()
            .orElse(0);
    IndexState state = state(row, exists, document.orElse(null));
    long behindBy =
        state == IndexState.BEHIND
            ? row.version() - document.map(IndexedDocument::version).orElse(0L)
            : 0;
    String verdict = verdict(state, row, exists, document.orElse(null), behindBy, newest, waiting);
    return new Explanation(
        key,
        rowkey,
        exists,
        row.version(),
        cells,
        document.orElse(null),
        state,
        behindBy,
        newest,
        waiting,
        verdict);
  }

  private static List<CellExplanation> cells(StoredRow stored) {
    WideRow row = stored.row();
    TreeSet<String> qualifiers = new TreeSet<>(row.cells().keySet());
    qualifiers.addAll(row.undecodable().keySet());
    List<CellExplanation> cells = new ArrayList<>();
    for (String qualifier : qualifiers) {
      SourceRow cell = row.cells().get(qualifier);
      StoredRow.StoredOrigin origin = stored.origins().get(qualifier);
      long version = cell != null ? cell.version() : origin == null ? 0 : origin.version();
      boolean matches = origin != null && cell != null && origin.version() == cell.version();
      String note =
          origin == null
              ? "no origin stored: written before origins were recorded, or by verify --repair"
              : matches || cell == null
                  ? null
                  : "the stored origin is of version "
                      + origin.version()
                      + ": this version was written without one (verify --repair?)";
      CellOrigin shown = matches || (cell == null && origin != null) ? origin.origin() : null;
      cells.add(
          new CellExplanation(
              qualifier,
              CellQualifier.table(qualifier),
              CellQualifier.childKey(qualifier),
              version,
              cell != null && cell.deleted(),
              row.undecodable().get(qualifier),
              shown,
              shown == null ? note : null));
    }
    return cells;
  }

  private static IndexState state(WideRow row, boolean exists, IndexedDocument doc) {
    if (row.isEmpty() && doc == null) {
      return IndexState.UNKNOWN;
    }
    long docVersion = doc == null ? 0 : doc.version();
    if (doc != null && docVersion > row.version()) {
      return IndexState.AHEAD;
    }
    if (doc != null && docVersion < row.version()) {
      return IndexState.BEHIND;
    }
    if (doc == null) {
      // No document: right for an entity that does not exist, else a bump has not been indexed.
      if (!exists) {
        return IndexState.CURRENT;
      }
      return row.version() == 0 ? IndexState.MISSING : IndexState.BEHIND;
    }
    // Same version: built from this very row.
    return IndexState.CURRENT;
  }

  private String verdict(
      IndexState state,
      WideRow row,
      boolean exists,
      IndexedDocument doc,
      long behindBy,
      long newestCommitTsMs,
      List<StageBacklog> waiting) {
    String since =
        newestCommitTsMs > 0
            ? "; its newest change was committed "
                + Math.max(0, (clockMs.getAsLong() - newestCommitTsMs) / 1000)
                + " s ago"
            : "";
    long queued = waiting.stream().mapToLong(b -> Math.max(0, b.waiting())).sum();
    String backlogText =
        waiting.isEmpty()
            ? "; the backlog is unknown"
            : queued == 0
                ? "; nothing waits for the merger or the indexer on its partitions"
                : "; " + queued + " messages wait ahead on its partitions";
    return switch (state) {
      case UNKNOWN -> "nothing is stored for this key in HBase or the index";
      case CURRENT ->
          doc == null
              ? "the entity does not exist and the index has no document for it"
              : "the document was built from the row as it is (_version "
                  + doc.version()
                  + " = m:v "
                  + row.version()
                  + ")"
                  + (exists == !doc.tombstone()
                      ? ""
                      : "; yet the document is "
                          + (doc.tombstone() ? "a tombstone" : "live")
                          + " while the row "
                          + (exists ? "exists" : "does not")
                          + ": run widerow verify --keys on it");
      case BEHIND ->
          (doc == null
                  ? "the index has no document yet for m:v " + row.version()
                  : "the index is "
                      + behindBy
                      + " version(s) behind (_version "
                      + doc.version()
                      + " < m:v "
                      + row.version()
                      + ")")
              + since
              + backlogText
              + (queued == 0 && !waiting.isEmpty()
                  ? ": if it stays so, look for its key in `widerow dlq list`"
                  : "");
      case MISSING ->
          "the row was written but never bumped by the merger (m:v 0), so it has no document"
              + backlogText;
      case AHEAD ->
          "the document (_version "
              + doc.version()
              + ") is newer than the row (m:v "
              + row.version()
              + "): HBase lost version bumps (a restore?); run widerow verify --repair";
    };
  }

  @Override
  public void close() throws Exception {
    try (AutoCloseable d = documents;
        AutoCloseable b = backlog) {
      // both closed, even when one fails
    }
  }
}
