package io.widerow.merger;

import io.widerow.core.deadletter.DeadLetter;
import io.widerow.core.row.IncomingMessage;
import io.widerow.core.row.KeyMessage;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Folds the change keys of one poll into one entry per rowkey, keeping the oldest source time (so
 * lag is measured from the oldest change waiting); a message that does not decode becomes a dead
 * letter.
 */
public final class KeyCoalescer {

  /** The distinct keys of a batch, in first-seen order, and the messages set aside. */
  public record Coalesced(List<KeyMessage> keys, List<DeadLetter> deadLetters) {}

  private final String stage;

  public KeyCoalescer(String stage) {
    this.stage = stage;
  }

  public Coalesced coalesce(List<IncomingMessage> batch) {
    Map<String, Long> oldest = new LinkedHashMap<>();
    List<DeadLetter> dead = new ArrayList<>();
    for (IncomingMessage m : batch) {
      try {
        KeyMessage key = KeyMessage.decode(m.key(), m.value());
        oldest.merge(key.rowkey(), key.sourceTsMs(), Math::min);
      } catch (IllegalArgumentException e) {
        dead.add(new DeadLetter(stage, m.key(), m.value(), e.getMessage(), m.where()));
      }
    }
    List<KeyMessage> keys = new ArrayList<>(oldest.size());
    oldest.forEach((rowkey, ts) -> keys.add(new KeyMessage(rowkey, ts)));
    return new Coalesced(keys, dead);
  }
}
