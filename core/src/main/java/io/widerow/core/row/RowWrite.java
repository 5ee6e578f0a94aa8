package io.widerow.core.row;

/**
 * One source row to store in the wide row under {@code rowkey}.
 *
 * @param origin where the row came from, stored with its cell; null when not known (a repair)
 */
public record RowWrite(String rowkey, SourceRow row, CellOrigin origin) {

  /** A write without a recorded origin. */
  public RowWrite(String rowkey, SourceRow row) {
    this(rowkey, row, null);
  }
}
