package io.widerow.verify;

import io.widerow.core.row.KeyMessage;
import io.widerow.core.row.KeyPublisher;
import io.widerow.core.row.RowWrite;
import io.widerow.core.row.WideRowStore;
import io.widerow.verify.Difference.Side;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.LongSupplier;

/**
 * Mends what a batch's differences allow: writes the cells (source rows at their own versions,
 * tombstones above stale cells), raises {@code m:v} where a stored document's external version is
 * above it, and only once HBase acknowledged both publishes the rowkeys to the changes topic, so
 * that merger and indexer bump and re-index them (invariant 3).
 */
final class Repairer {

  /** Raises rows' {@code m:v}; a row already at or above its version is left alone. */
  @FunctionalInterface
  interface VersionRaiser {
    void raiseTo(Map<String, Long> atLeast) throws Exception;
  }

  /** What one batch's repair did. */
  record Result(int cellsWritten, int keysPublished, int notRepairable) {}

  private final WideRowStore rows;
  private final VersionRaiser versions;
  private final KeyPublisher changes;
  private final LongSupplier clockMillis;

  Repairer(
      WideRowStore rows, VersionRaiser versions, KeyPublisher changes, LongSupplier clockMillis) {
    this.rows = rows;
    this.versions = versions;
    this.changes = changes;
    this.clockMillis = clockMillis;
  }

  Result repair(List<Difference> differences) throws Exception {
    List<RowWrite> writes = new ArrayList<>();
    Set<String> rowkeys = new LinkedHashSet<>();
    Map<String, Long> raises = new LinkedHashMap<>();
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
        if (d.raiseVersionTo() > 0) {
          raises.merge(d.rowkey(), d.raiseVersionTo(), Math::max);
        }
      }
    }
    rows.write(writes); // returns once acknowledged; only then may the keys go out
    if (!raises.isEmpty()) {
      versions.raiseTo(raises);
    }
    long now = clockMillis.getAsLong();
    List<KeyMessage> keys = rowkeys.stream().map(rowkey -> new KeyMessage(rowkey, now)).toList();
    if (!keys.isEmpty()) {
      changes.publish(keys);
    }
    return new Result(writes.size(), keys.size(), notRepairable);
  }
}
