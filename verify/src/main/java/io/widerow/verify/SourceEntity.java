package io.widerow.verify;

import io.widerow.core.row.SourceRow;
import java.util.List;

/**
 * Every source row of one entity, mapped to cells exactly as ingest maps them.
 *
 * @param rows empty when the source has no row of the entity at all
 */
public record SourceEntity(String key, String rowkey, List<SourceRow> rows) {

  public SourceEntity {
    rows = List.copyOf(rows);
  }

  public boolean exists() {
    return !rows.isEmpty();
  }
}
