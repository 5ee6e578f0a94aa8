package io.widerow.verify;

import io.widerow.core.change.ChangeEvent;
import java.io.IOException;
import java.util.Collection;
import java.util.List;

/**
 * The source databases as verify reads them: every row of the pipeline's tables as a snapshot
 * {@link ChangeEvent}, its values converted the way ingest's CDC adapter converts them. A failed
 * read (a database error, with its message) is an {@link IOException}.
 */
public interface SourceSide extends AutoCloseable {

  /**
   * One cursor per physical table, each yielding rows ordered by the text of the entity key in
   * code-point order, so that cursors can be merged entity by entity.
   */
  List<RowCursor> openCursors() throws IOException;

  /** Every row, of every physical table, whose entity key is one of {@code keys}. */
  List<ChangeEvent> rowsOf(Collection<String> keys) throws IOException;

  /** Up to {@code count} entity keys of the root table, picked at random. */
  List<String> sampleKeys(int count) throws IOException;

  /** About how many entities there are (the root tables' row estimates), for progress. */
  long estimatedEntities();

  @Override
  void close() throws IOException;

  /** The rows of one physical table, in entity-key order. */
  interface RowCursor extends AutoCloseable {

    /** The next row, or null at the end. */
    ChangeEvent next() throws IOException;

    /** {@code database.table}, for messages. */
    String where();

    @Override
    void close() throws IOException;
  }
}
