package io.widerow.core.document;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** What one wide row asks of the index: hold this document, or hold no document for the entity. */
public sealed interface IndexAction {

  /** The document id: the entity key. */
  String id();

  String rowkey();

  /** The wide-row version {@code m:v} read with the row; the document's external version. */
  long version();

  /** Index {@code document} (it already holds {@code rowkey} and the configured fields). */
  record Upsert(String id, String rowkey, long version, Map<String, Object> document)
      implements IndexAction {
    public Upsert {
      document = Collections.unmodifiableMap(new LinkedHashMap<>(document));
    }
  }

  /** The entity no longer exists: its root row is absent or a tombstone. */
  record Delete(String id, String rowkey, long version) implements IndexAction {}
}
