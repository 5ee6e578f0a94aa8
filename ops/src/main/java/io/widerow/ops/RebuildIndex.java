package io.widerow.ops;

import io.widerow.core.document.IndexAction;
import java.util.List;

/** The search index as a rebuild sees it: the alias, its physical indices, bulk writes. */
public interface RebuildIndex extends AutoCloseable {

  /** What one bulk did: documents written, ones a newer version already held, refusals. */
  record WriteOutcome(int written, int superseded, List<Failure> failures) {}

  /** A document that could not be written, by rowkey, with the reason (never the values). */
  record Failure(String rowkey, String reason) {}

  /** The alias the readers and the indexers use. */
  String alias();

  /** The physical indices behind the alias; empty when there is no alias. */
  List<String> aliasIndices() throws Exception;

  /** The name of the next physical index generation, above every existing one. */
  String nextGeneration() throws Exception;

  /** Every document of a physical index, tombstones included. */
  long documentCount(String index) throws Exception;

  /** Creates a physical index with the pipeline's mapping, outside the alias, refresh off. */
  void create(String index) throws Exception;

  /**
   * Writes each action at its external version, accepting an equal one ({@code external_gte}): a
   * re-write of the same row is the same document, and an older version is refused.
   */
  WriteOutcome write(String index, List<IndexAction> actions) throws Exception;

  /** Gives the index the pipeline's refresh interval and refreshes it. */
  void open(String index) throws Exception;

  /** Moves the alias from {@code from} to {@code to} in one atomic alias update. */
  void swap(List<String> from, String to) throws Exception;

  void delete(String index) throws Exception;

  @Override
  void close() throws Exception;
}
