package io.widerow.merger;

import io.widerow.core.retry.Retrier;
import io.widerow.core.row.KeyMessage;
import io.widerow.core.row.WideRowStore;
import java.util.List;

/**
 * Increments the wide-row version {@code m:v} of each key, so that the document the indexer builds
 * next carries a higher external version than any built before.
 */
public final class VersionBumper {

  private final WideRowStore store;
  private final Retrier retrier;

  public VersionBumper(WideRowStore store, Retrier retrier) {
    this.store = store;
    this.retrier = retrier;
  }

  /**
   * Bumps every key; returns once HBase acknowledged all increments. A retried batch may bump a key
   * twice, which is harmless: versions only need to grow.
   */
  public void bump(List<KeyMessage> keys, String where) throws Exception {
    if (keys.isEmpty()) {
      return;
    }
    List<String> rowkeys = keys.stream().map(KeyMessage::rowkey).toList();
    retrier.run(
        "bump " + rowkeys.size() + " versions for " + where, () -> store.bumpVersions(rowkeys));
  }
}
