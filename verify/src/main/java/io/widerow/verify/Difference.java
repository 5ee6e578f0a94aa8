package io.widerow.verify;

import io.widerow.core.row.RowWrite;
import java.util.List;

/**
 * One way the stores disagree about one entity: what a report line says, and the HBase writes that
 * would mend it (none when the difference is in the index only, or cannot be mended by a write).
 *
 * @param where the HBase cell ({@code d:<qualifier>}), the document fields, or the physical table
 * @param versions the versions seen on each side, e.g. {@code source=7 hbase=6}; informative
 * @param detail names of differing columns or fields, or why no repair is possible; never values
 * @param repairs cells to write again (source rows at their versions, or tombstones)
 * @param raiseVersionTo the {@code m:v} the row needs before a re-index can pass the stored
 *     document's external version; 0 when it needs none
 */
public record Difference(
    Kind kind,
    String key,
    String rowkey,
    String where,
    String versions,
    String detail,
    List<RowWrite> repairs,
    long raiseVersionTo) {

  public Difference {
    repairs = List.copyOf(repairs);
  }

  /** A difference that needs no version raised. */
  public Difference(
      Kind kind,
      String key,
      String rowkey,
      String where,
      String versions,
      String detail,
      List<RowWrite> repairs) {
    this(kind, key, rowkey, where, versions, detail, repairs, 0);
  }

  /** The report line: kind, entity, place and versions; never a row's payload. */
  public String line() {
    StringBuilder line = new StringBuilder(kind.name());
    line.append(" key=").append(key).append(" rowkey=").append(rowkey);
    if (!where.isEmpty()) {
      line.append(" at=").append(where);
    }
    if (!versions.isEmpty()) {
      line.append(' ').append(versions);
    }
    if (!detail.isEmpty()) {
      line.append(" (").append(detail).append(')');
    }
    return line.toString();
  }

  /** What kind of difference, and which store it is in. */
  public enum Kind {
    /** The source has rows for the entity, HBase has no cell at all. */
    MISSING_ROW(Side.HBASE),
    /** A live source row has no cell. */
    MISSING_CELL(Side.HBASE),
    /** A live source row's cell is a tombstone. */
    TOMBSTONED_CELL(Side.HBASE),
    /** A live cell whose columns differ from the source row's. */
    STALE_CELL(Side.HBASE),
    /** A live cell for a source row that does not exist. */
    EXTRA_CELL(Side.HBASE),
    /** A live root cell for an entity the source does not have at all. */
    EXTRA_ENTITY(Side.HBASE),
    /** The entity exists, its document does not (or is a tombstone). */
    MISSING_DOC(Side.INDEX),
    /** A live document for an entity that does not exist. */
    EXTRA_DOC(Side.INDEX),
    /** The document's fields differ from what the source rows make. */
    STALE_DOC(Side.INDEX),
    /** The source rows make no document the mapping can hold; the indexer dead-letters it. */
    UNINDEXABLE(Side.SOURCE),
    /** A source row ingest could not map (missing key, bad version). */
    SOURCE_ERROR(Side.SOURCE),
    /** Two source rows claim one cell (e.g. the same row in two shards); the newest counts. */
    SOURCE_DUPLICATE(Side.SOURCE);

    private final Side side;

    Kind(Side side) {
      this.side = side;
    }

    public Side side() {
      return side;
    }
  }

  /** Which store a difference is in, which decides how it is repaired. */
  public enum Side {
    HBASE,
    INDEX,
    SOURCE
  }
}
