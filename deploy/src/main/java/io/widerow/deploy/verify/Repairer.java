package io.widerow.deploy.verify;

import io.widerow.common.row.KeyMessage;
import io.widerow.common.row.KeyPublisher;
import io.widerow.common.row.RowWrite;
import io.widerow.common.row.WideRowStore;
import io.widerow.deploy.verify.Difference.Side;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.LongSupplier;

/**
 * Mends what a batch's differences allow: writes the cells (source rows at their own versions,
 * tombstones above stale cells), and only once HBase acknowledged them publishes the rowkeys to the
 * changes topic, so that merger and indexer bump and re-index them (invariant 3).
 */
final class Repairer {

  /** What one batch's repair did. */
  record Result(int cellsWritten, int keysPublished, int notRepairable) {}

  private final WideRowStore rows;
  private final KeyPublisher changes;
  private final LongSupplier clockMillis;

  Repairer(WideRowStore rows, KeyPublisher changes, LongSupplier clockMillis) {
    this.rows = rows;
    this.changes = changes;
    this.clockMillis = clockMillis;
  }

  Result repair(List<Difference> differences) throws Exception {
    List<RowWrite> writes = new ArrayList<>();
    Set<String> rowkeys = new LinkedHashSet<>();
    int notRepairable = 0;
    for (Difference d : differences) {
      if (d.kind().side() == Side.HBASE) {
        if (d.repairs().isEmpty()) {
          notRepairable++;
        } else {
          writes.addAll(d.repairs());
          rowkeys.add(d.rowkey());
        }
      } else if (d.kind().side() == Side.INDEX) {
        rowkeys.add(d.rowkey());
      }
    }
    rows.write(writes); // returns once acknowledged; only then may the keys go out
    long now = clockMillis.getAsLong();
    List<KeyMessage> keys = rowkeys.stream().map(rowkey -> new KeyMessage(rowkey, now)).toList();
    if (!keys.isEmpty()) {
      changes.publish(keys);
    }
    return new Result(writes.size(), keys.size(), notRepairable);
  }
}
