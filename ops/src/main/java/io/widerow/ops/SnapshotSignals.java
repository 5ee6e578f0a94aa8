package io.widerow.ops;

import io.widerow.core.pipeline.Source;
import java.util.Collection;
import java.util.Set;

/** A source's signal table, as {@code widerow snapshot} uses it. */
public interface SnapshotSignals {

  /**
   * Whether the signal table exists (created when missing) and the pipeline's user may write it.
   */
  boolean usable(Source source) throws Exception;

  /** The SQL an administrator runs so that {@link #usable} holds. */
  String grantFor(Source source);

  /** The source's tables the pipeline captures, as {@code db.table}. */
  Set<String> captured(Source source) throws Exception;

  long rows(Source source, String table) throws Exception;

  /** Inserts an {@code execute-snapshot} signal (incremental); returns its id. */
  String request(Source source, Collection<String> tables) throws Exception;

  /** Chunks read so far by the source's incremental snapshots (their closing watermarks). */
  long chunksRead(Source source) throws Exception;

  /** Rows the engine reads per chunk. */
  int chunkSize();
}
