package io.widerow.core.row;

/** One source row to store in the wide row under {@code rowkey}. */
public record RowWrite(String rowkey, SourceRow row) {}
