package io.widerow.indexer;

import io.widerow.core.deadletter.DeadLetter;
import io.widerow.core.row.IncomingMessage;
import io.widerow.core.row.KeyMessage;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The keys of one poll, each once: one read and one document per entity however many times its key
 * came. Keeps per rowkey the oldest source time (lag is measured from the oldest change a document
 * carries) and the first message position (for logs and dead letters). Undecodable messages become
 * dead letters.
 */
public final class KeyBatch {

  /** The stage name dead letters of undecodable messages carry. */
  public static final String DECODE_STAGE = "indexer.decode";

  private final Map<String, KeyMessage> keys = new LinkedHashMap<>();
  private final Map<String, String> positions = new LinkedHashMap<>();
  private final List<DeadLetter> poison = new ArrayList<>();

  public static KeyBatch of(List<IncomingMessage> batch) {
    KeyBatch keys = new KeyBatch();
    for (IncomingMessage message : batch) {
      keys.add(message);
    }
    return keys;
  }

  private void add(IncomingMessage message) {
    KeyMessage key;
    try {
      key = KeyMessage.decode(message.key(), message.value());
    } catch (IllegalArgumentException e) {
      poison.add(
          new DeadLetter(
              DECODE_STAGE, message.key(), message.value(), e.getMessage(), message.where()));
      return;
    }
    keys.merge(key.rowkey(), key, (a, b) -> a.sourceTsMs() <= b.sourceTsMs() ? a : b);
    positions.putIfAbsent(key.rowkey(), message.where());
  }

  /** Distinct rowkeys in first-seen order. */
  public List<String> rowkeys() {
    return List.copyOf(keys.keySet());
  }

  /** Each distinct key with the oldest source time seen for it. */
  public List<KeyMessage> keys() {
    return List.copyOf(keys.values());
  }

  /** The key message of this rowkey as the batch folded it: its oldest source time. */
  public KeyMessage messageOf(String rowkey) {
    KeyMessage key = keys.get(rowkey);
    return key != null ? key : new KeyMessage(rowkey, 0);
  }

  /** Where the first message of this rowkey sat: {@code topic-partition@offset}. */
  public String positionOf(String rowkey) {
    return positions.getOrDefault(rowkey, "unknown");
  }

  public List<DeadLetter> poison() {
    return List.copyOf(poison);
  }
}
