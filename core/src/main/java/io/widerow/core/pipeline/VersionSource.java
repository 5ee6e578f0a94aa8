package io.widerow.core.pipeline;

/** Where a source row's version (its HBase cell timestamp) comes from. */
public sealed interface VersionSource {

  /**
   * A column the application bumps on every write. A delete takes {@code before.column + 1}. A
   * re-insert of a deleted row must carry a higher version than the delete did.
   */
  record Column(String column) implements VersionSource {}

  /**
   * The binlog position (file number, position, row index) packed into a long: monotonic per source
   * instance, not across a failover to a server with other file numbering.
   */
  record BinlogPosition() implements VersionSource {}
}
