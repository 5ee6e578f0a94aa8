package io.widerow.indexer;

import io.widerow.core.document.IndexAction;
import java.util.List;

/** The search index as the indexer writes it. */
public interface DocumentIndex extends AutoCloseable {

  /** Creates the index and its alias when missing; safe when several indexers start together. */
  void ensureExists() throws Exception;

  /**
   * Applies each action with its version as an external version; returns once every action is
   * settled (applied, superseded by a newer version, or rejected as a record error).
   */
  BulkOutcome write(List<IndexAction> actions) throws Exception;
}
