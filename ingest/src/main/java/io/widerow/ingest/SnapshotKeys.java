package io.widerow.ingest;

import com.codahale.metrics.Counter;
import io.widerow.core.row.KeyMessage;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The rowkeys one source's initial snapshot has written to the wide table but not yet published.
 *
 * <p>A snapshot reads table after table, so the rows of one entity arrive minutes apart: publishing
 * the entity's key with each of them would index it once per table. Held here, each key is
 * published once, when the snapshot's last record is written or, to bound memory, when {@code
 * limit} keys are held.
 *
 * <p>Holding is safe because of how the MySQL-family connectors resume (checked for Debezium 3.5):
 * every record before the snapshot's last carries a "snapshot running" offset, and a connector that
 * starts from such an offset takes the whole snapshot again. Keys lost with a crashed process are
 * therefore read and held again. The last record carries the completed offset, so its batch
 * publishes everything held before it may be committed. Ad-hoc and incremental snapshots (signals,
 * which this pipeline does not enable) resume differently and are never held.
 *
 * <p>Used by the one engine thread of its source.
 */
public final class SnapshotKeys {

  private final int limit;
  private final Counter heldCount;
  private final Map<String, Long> oldestTs = new HashMap<>();

  /**
   * @param limit most keys held before they are published anyway
   * @param held counts the keys held, over all sources
   */
  SnapshotKeys(int limit, Counter held) {
    if (limit < 1) {
      throw new IllegalArgumentException("limit must be at least 1: " + limit);
    }
    this.limit = limit;
    this.heldCount = held;
  }

  /** Holds the keys, each with the oldest source time it was seen with. */
  void hold(List<KeyMessage> keys) {
    int before = oldestTs.size();
    for (KeyMessage k : keys) {
      oldestTs.merge(k.rowkey(), k.sourceTsMs(), Math::min);
    }
    heldCount.inc(oldestTs.size() - before);
  }

  boolean full() {
    return oldestTs.size() >= limit;
  }

  boolean isEmpty() {
    return oldestTs.isEmpty();
  }

  int size() {
    return oldestTs.size();
  }

  /** Every held key, each once; they stay held until {@link #published()}. */
  List<KeyMessage> keys() {
    List<KeyMessage> keys = new ArrayList<>(oldestTs.size());
    oldestTs.forEach((rowkey, ts) -> keys.add(new KeyMessage(rowkey, ts)));
    return keys;
  }

  /** Forgets the held keys, once they were acknowledged by the changes topic. */
  void published() {
    heldCount.dec(oldestTs.size());
    oldestTs.clear();
  }
}
