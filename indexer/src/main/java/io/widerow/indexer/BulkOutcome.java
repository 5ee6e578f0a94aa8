package io.widerow.indexer;

import io.widerow.core.document.BuildOutcome.Rejected;
import java.util.List;

/**
 * How one batch of index actions settled; every action is counted exactly once.
 *
 * @param indexed documents written
 * @param deleted tombstones written for deleted entities
 * @param superseded actions answered 409: a document with a newer or equal version was already
 *     there, which is success (invariant 3)
 * @param rejected record errors Elasticsearch reported for single documents (mapping rejections)
 */
public record BulkOutcome(int indexed, int deleted, int superseded, List<Rejected> rejected) {

  public static final BulkOutcome NONE = new BulkOutcome(0, 0, 0, List.of());

  public BulkOutcome {
    rejected = List.copyOf(rejected);
  }
}
