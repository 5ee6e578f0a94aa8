package io.widerow.query.explain;

import java.util.Optional;

/** Reads one document of the index by id, tombstones included. */
public interface DocumentLookup extends AutoCloseable {

  Optional<IndexedDocument> document(String id) throws Exception;

  @Override
  default void close() throws Exception {}
}
