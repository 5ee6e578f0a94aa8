package io.widerow.core.index;

import io.widerow.core.pipeline.ElasticsearchSpec;

/**
 * Names shared by the indexer, which writes the index, and the query client, which reads it: the
 * alias, the physical index behind it, and the two fields every document carries.
 */
public final class IndexLayout {

  /** Every document's HBase rowkey, so that a search hit leads to its wide row. */
  public static final String ROWKEY_FIELD = "rowkey";

  /**
   * Marks a deleted entity's tombstone document. Deletes are written as tombstones, never as ES
   * deletes, so the external version outlives {@code index.gc_deletes}; the alias filters them out.
   */
  public static final String DELETED_FIELD = "widerow_deleted";

  /**
   * The first physical index generation; {@code widerow rebuild} creates the next one and moves the
   * alias.
   */
  public static final int FIRST_GENERATION = 1;

  private IndexLayout() {}

  /** What readers and writers address: the alias named in the pipeline file. */
  public static String alias(ElasticsearchSpec spec) {
    return spec.index();
  }

  public static String physicalIndex(ElasticsearchSpec spec, int generation) {
    return spec.index() + "-" + generation;
  }

  /** Whether a configured field would collide with a field the index reserves. */
  public static boolean isReserved(String fieldName) {
    return ROWKEY_FIELD.equals(fieldName) || DELETED_FIELD.equals(fieldName);
  }
}
