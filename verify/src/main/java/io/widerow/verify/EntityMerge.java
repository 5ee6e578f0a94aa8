package io.widerow.verify;

import io.widerow.core.row.SourceRow;
import io.widerow.verify.SourceEntities.Mapped;
import io.widerow.verify.SourceSide.RowCursor;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;

/**
 * Merges the key-ordered cursors of every physical table into whole entities, one at a time: memory
 * holds one row per cursor plus the current entity, however large the tables.
 */
final class EntityMerge implements AutoCloseable {

  private record Head(RowCursor cursor, Mapped mapped) {}

  private final List<RowCursor> cursors;
  private final SourceEntities entities;
  private final PriorityQueue<Head> heads =
      new PriorityQueue<>(Comparator.comparing((Head h) -> h.mapped().key(), KeyOrder.INSTANCE));

  EntityMerge(List<RowCursor> cursors, SourceEntities entities) throws IOException {
    this.cursors = List.copyOf(cursors);
    this.entities = entities;
    for (RowCursor cursor : this.cursors) {
      advance(cursor, null);
    }
  }

  /** The next entity in key order, or null when every cursor is done. */
  SourceEntity next() throws IOException {
    if (heads.isEmpty()) {
      return null;
    }
    Head first = heads.peek();
    String key = first.mapped().key();
    String rowkey = first.mapped().write().rowkey();
    List<SourceRow> rows = new ArrayList<>();
    while (!heads.isEmpty() && heads.peek().mapped().key().equals(key)) {
      Head head = heads.poll();
      rows.add(head.mapped().write().row());
      advance(head.cursor(), key);
    }
    return new SourceEntity(key, rowkey, rows);
  }

  private void advance(RowCursor cursor, String previousKey) throws IOException {
    while (true) {
      var event = cursor.next();
      if (event == null) {
        cursor.close();
        return;
      }
      Mapped mapped = entities.map(event);
      if (mapped == null) {
        continue; // reported as a source problem; the row has no entity to join
      }
      if (previousKey != null && KeyOrder.INSTANCE.compare(mapped.key(), previousKey) < 0) {
        // The key's SQL text sorts differently from the text ingest makes of it (e.g. a DATETIME
        // key becomes epoch ms): merging would split entities, so stop rather than mis-report.
        throw new SourceOrderException(
            cursor.where()
                + ": entity keys do not come in text order; the key column's type cannot be"
                + " verified in one pass; check entities with --keys or --sample instead");
      }
      heads.add(new Head(cursor, mapped));
      return;
    }
  }

  @Override
  public void close() throws IOException {
    IOException first = null;
    for (RowCursor cursor : cursors) {
      try {
        cursor.close();
      } catch (IOException e) {
        first = first == null ? e : first;
      }
    }
    if (first != null) {
      throw first;
    }
  }

  /** The source cannot be merged entity by entity. */
  static final class SourceOrderException extends IllegalStateException {
    SourceOrderException(String message) {
      super(message);
    }
  }
}
