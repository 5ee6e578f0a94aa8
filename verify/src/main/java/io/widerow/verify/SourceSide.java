package io.widerow.verify;

import io.widerow.core.change.ChangeEvent;
import java.sql.SQLException;
import java.util.Collection;
import java.util.List;

/**
 * The source databases as verify reads them: every row of the pipeline's tables as a snapshot
 * {@link ChangeEvent}, its values converted the way ingest's CDC adapter converts them.
 */
public interface SourceSide extends AutoCloseable {

  /**
   * One cursor per physical table, each yielding rows ordered by the text of the entity key in
   * code-point order, so that cursors can be merged entity by entity.
   */
  List<RowCursor> openCursors() throws SQLException;

  /** Every row, of every physical table, whose entity key is one of {@code keys}. */
  List<ChangeEvent> rowsOf(Collection<String> keys) throws SQLException;

  /** Up to {@code count} entity keys of the root table, picked at random. */
  List<String> sampleKeys(int count) throws SQLException;

  /** About how many entities there are (the root tables' row estimates), for progress. */
  long estimatedEntities();

  @Override
  void close() throws SQLException;

  /** The rows of one physical table, in entity-key order. */
  interface RowCursor extends AutoCloseable {

    /** The next row, or null at the end. */
    ChangeEvent next() throws SQLException;

    /** {@code database.table}, for messages. */
    String where();

    @Override
    void close() throws SQLException;
  }
}
