package io.widerow.e2e;

import io.widerow.core.row.KeyMessage;
import io.widerow.core.row.KeyPublisher;
import io.widerow.e2e.disorder.DeliveryPlan;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The key publisher ingest's writer is given: it publishes each batch's keys to the changes topic
 * at once, or holds them as the batch's seed plan says (some steps late, some twice), the way a
 * lagging or replaying topic would deliver them. Every key is released by {@link #releaseAll}, so a
 * write is always followed by its key (invariant 3); keys of rowkeys without a plan go out at once.
 */
final class DelayedKeys implements KeyPublisher {

  private final KeyPublisher changes;
  private final Map<String, DeliveryPlan> plans = new ConcurrentHashMap<>();
  private final TreeMap<Integer, List<KeyMessage>> due = new TreeMap<>();
  private int step;

  DelayedKeys(KeyPublisher changes) {
    this.changes = changes;
  }

  void plan(String rowkey, DeliveryPlan plan) {
    plans.put(rowkey, plan);
  }

  /** The ingest batch being written now; keys published from here on are due relative to it. */
  synchronized void at(int step) {
    this.step = step;
  }

  @Override
  public synchronized void publish(List<KeyMessage> keys) throws Exception {
    List<KeyMessage> now = new ArrayList<>();
    for (KeyMessage key : keys) {
      DeliveryPlan plan = plans.get(key.rowkey());
      if (plan == null || step >= DeliveryPlan.STEPS) {
        now.add(key);
        continue;
      }
      int lag = plan.keyLag().get(step);
      if (lag == 0) {
        now.add(key); // on time: published before the writer returns, as ingest does
      } else {
        hold(step + lag, key);
      }
      if (plan.duplicateKeys().get(step)) {
        hold(step + lag + 1, key);
      }
    }
    changes.publish(now);
  }

  private void hold(int at, KeyMessage key) {
    due.computeIfAbsent(at, s -> new ArrayList<>()).add(key);
  }

  /** Publishes every key due at or before {@code step}. */
  synchronized void releaseDue(int step) throws Exception {
    List<KeyMessage> ready = new ArrayList<>();
    var heads = due.headMap(step, true);
    heads.values().forEach(ready::addAll);
    heads.clear();
    changes.publish(ready);
  }

  synchronized void releaseAll() throws Exception {
    releaseDue(Integer.MAX_VALUE);
  }

  @Override
  public void close() {
    changes.close();
  }
}
