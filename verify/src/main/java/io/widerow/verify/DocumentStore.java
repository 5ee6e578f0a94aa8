package io.widerow.verify;

import java.io.IOException;
import java.util.Collection;
import java.util.Map;

/** The search index as verify reads it: documents by id, and the ids of every live document. */
public interface DocumentStore extends AutoCloseable {

  /** The documents of these ids that exist, tombstones included, by id. */
  Map<String, StoredDocument> get(Collection<String> ids) throws IOException;

  /** Hands the ids of every live (non-tombstone) document to {@code batches}, in batches. */
  void scanLiveIds(int batchSize, BatchConsumer batches) throws Exception;
}
