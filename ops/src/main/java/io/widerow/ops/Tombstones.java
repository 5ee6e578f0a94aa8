package io.widerow.ops;

import java.util.List;

/** The tombstones of the wide table and of the index, as a purge finds and removes them. */
public final class Tombstones {

  /**
   * A tombstone cell: qualifier, version (the cell's timestamp) and when the delete that wrote it
   * was committed at the source; {@code commitTsMs} 0 when its origin was not recorded.
   */
  public record Cell(String qualifier, long version, long commitTsMs) {}

  /** One row's tombstone cells, with {@code m:v} read in the same scan. */
  public record Row(String rowkey, long rowVersion, List<Cell> cells) {}

  /** Receives rows with tombstones as the scan finds them. */
  public interface RowBatches {
    void accept(List<Row> rows) throws Exception;
  }

  /** The wide table's side. */
  public interface Store extends AutoCloseable {

    void scan(int batch, RowBatches rows) throws Exception;

    /**
     * Deletes each cell and its origin at and below the cell's version only: a newer cell written
     * meanwhile (a re-insert) stays. {@code m:v} is never deleted.
     */
    void delete(List<Row> rows) throws Exception;

    @Override
    void close() throws Exception;
  }

  /** A tombstone document to delete: id, rowkey, and the version it may have at most. */
  public record Document(String id, String rowkey, long version) {}

  /** The index's side. */
  public interface Documents extends AutoCloseable {

    /**
     * Deletes each tombstone document through the alias at its version ({@code external_gte}), so a
     * document a newer change replaced meanwhile stays; returns how many were deleted.
     */
    int delete(List<Document> documents) throws Exception;

    @Override
    void close() throws Exception;
  }

  private Tombstones() {}
}
