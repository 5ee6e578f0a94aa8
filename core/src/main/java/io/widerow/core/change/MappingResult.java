package io.widerow.core.change;

import io.widerow.core.row.RowWrite;
import java.util.List;

/**
 * What {@link ChangeEventMapper} made of one change: cells to write, nothing, or a record error.
 */
public sealed interface MappingResult {

  /** Cells to write: one, or two when the change moved the row to another key. */
  record Writes(List<RowWrite> writes) implements MappingResult {
    public Writes {
      writes = List.copyOf(writes);
    }
  }

  /** The change's table belongs to no logical table of the pipeline. */
  record Skipped(String reason) implements MappingResult {}

  /** The change cannot be stored as it is (null key, bad version): it goes to dead letters. */
  record RecordError(String reason) implements MappingResult {}

  /**
   * The table no longer has a column the pipeline names (key, primary key, version): no change of
   * it can be stored until the pipeline file or the table is mended, so ingest stops.
   */
  record SchemaError(String reason) implements MappingResult {}

  /** The physical table was truncated: every cell it wrote must be buried. */
  record Truncated(String logicalTable) implements MappingResult {}
}
