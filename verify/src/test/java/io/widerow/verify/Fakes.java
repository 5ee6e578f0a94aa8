package io.widerow.verify;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.widerow.core.change.ChangeEvent;
import io.widerow.core.pipeline.Pipeline;
import io.widerow.core.row.KeyMessage;
import io.widerow.core.row.KeyPublisher;
import io.widerow.core.row.RowWrite;
import io.widerow.core.row.SourceRow;
import io.widerow.core.row.WideRow;
import io.widerow.core.row.WideRowStore;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** In-memory source, wide table, index and changes topic for verify's unit tests. */
final class Fakes {

  private static final ObjectMapper JSON = new ObjectMapper();

  private Fakes() {}

  /** Source rows as snapshot events, one cursor per physical table, sorted like the SQL. */
  static final class Source implements SourceSide {
    final List<ChangeEvent> events = new ArrayList<>();
    private final Pipeline pipeline;

    Source(Pipeline pipeline) {
      this.pipeline = pipeline;
    }

    @Override
    public List<RowCursor> openCursors() {
      Map<String, List<ChangeEvent>> byTable = new TreeMap<>();
      for (ChangeEvent e : events) {
        byTable.computeIfAbsent(e.database() + "." + e.table(), t -> new ArrayList<>()).add(e);
      }
      List<RowCursor> cursors = new ArrayList<>();
      byTable.forEach(
          (where, rows) -> {
            List<ChangeEvent> sorted = new ArrayList<>(rows);
            sorted.sort(Comparator.comparing(this::keyOf, KeyOrder.INSTANCE));
            cursors.add(cursor(where, sorted));
          });
      return cursors;
    }

    static RowCursor cursor(String where, List<ChangeEvent> rows) {
      var it = rows.iterator();
      return new RowCursor() {
        @Override
        public ChangeEvent next() {
          return it.hasNext() ? it.next() : null;
        }

        @Override
        public String where() {
          return where;
        }

        @Override
        public void close() {}
      };
    }

    @Override
    public List<ChangeEvent> rowsOf(Collection<String> keys) {
      return events.stream().filter(e -> keys.contains(keyOf(e))).toList();
    }

    @Override
    public List<String> sampleKeys(int count) {
      return events.stream()
          .filter(e -> pipeline.tableFor(e.database(), e.table()).orElseThrow().root())
          .map(this::keyOf)
          .limit(count)
          .toList();
    }

    @Override
    public long estimatedEntities() {
      return sampleKeys(Integer.MAX_VALUE).size();
    }

    @Override
    public void close() {}

    private String keyOf(ChangeEvent e) {
      return String.valueOf(
          e.after().get(pipeline.tableFor(e.database(), e.table()).orElseThrow().keyColumn()));
    }
  }

  /** A wide table keeping, per cell, the write with the highest timestamp (ties: the last). */
  static final class Rows implements WideRowStore, RowScan {
    final Map<String, Map<String, SourceRow>> cells = new TreeMap<>();
    final Map<String, Long> versions = new TreeMap<>();
    final List<RowWrite> written = new ArrayList<>();

    @Override
    public void write(List<RowWrite> writes) {
      written.addAll(writes);
      for (RowWrite w : writes) {
        Map<String, SourceRow> row = cells.computeIfAbsent(w.rowkey(), k -> new TreeMap<>());
        SourceRow old = row.get(w.row().qualifier());
        if (old == null || old.version() <= w.row().version()) {
          row.put(w.row().qualifier(), w.row());
        }
      }
    }

    @Override
    public Map<String, Long> bumpVersions(Collection<String> rowkeys) {
      Map<String, Long> bumped = new LinkedHashMap<>();
      rowkeys.forEach(k -> bumped.put(k, versions.merge(k, 1L, Long::sum)));
      return bumped;
    }

    @Override
    public List<WideRow> read(List<String> rowkeys) {
      return rowkeys.stream()
          .map(k -> new WideRow(k, versions.getOrDefault(k, 0L), cells.getOrDefault(k, Map.of())))
          .toList();
    }

    @Override
    public void scanLiveRowkeys(int batchSize, BatchConsumer batches) throws Exception {
      List<String> live =
          cells.entrySet().stream()
              .filter(e -> e.getValue().values().stream().anyMatch(r -> !r.deleted()))
              .map(Map.Entry::getKey)
              .toList();
      for (int i = 0; i < live.size(); i += batchSize) {
        batches.accept(live.subList(i, Math.min(live.size(), i + batchSize)));
      }
    }

    @Override
    public void close() {}
  }

  /** Documents by id. */
  static final class Documents implements DocumentStore {
    final Map<String, StoredDocument> docs = new TreeMap<>();

    void put(String id, long version, Map<String, Object> source) {
      docs.put(id, new StoredDocument(id, version, false, JSON.valueToTree(source)));
    }

    void tombstone(String id, long version, String rowkey) {
      docs.put(
          id,
          new StoredDocument(
              id,
              version,
              true,
              JSON.valueToTree(Map.of("rowkey", rowkey, "widerow_deleted", true))));
    }

    @Override
    public Map<String, StoredDocument> get(Collection<String> ids) {
      Map<String, StoredDocument> found = new LinkedHashMap<>();
      ids.stream().filter(docs::containsKey).forEach(id -> found.put(id, docs.get(id)));
      return found;
    }

    @Override
    public void scanLiveIds(int batchSize, BatchConsumer batches) throws Exception {
      List<String> live =
          docs.values().stream().filter(d -> !d.deleted()).map(StoredDocument::id).toList();
      for (int i = 0; i < live.size(); i += batchSize) {
        batches.accept(live.subList(i, Math.min(live.size(), i + batchSize)));
      }
    }

    @Override
    public void close() {}
  }

  /** The changes topic. */
  static final class Publisher implements KeyPublisher {
    final List<KeyMessage> published = new ArrayList<>();

    @Override
    public void publish(List<KeyMessage> keys) {
      published.addAll(keys);
    }

    @Override
    public void close() {}
  }
}
