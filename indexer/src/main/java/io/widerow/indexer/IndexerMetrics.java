package io.widerow.indexer;

import com.codahale.metrics.Counter;
import com.codahale.metrics.MetricRegistry;
import com.codahale.metrics.Timer;
import io.widerow.core.metrics.StageMetrics;
import io.widerow.core.row.KeyMessage;
import java.util.List;

/**
 * The indexer's metrics under {@code indexer.*}: the stage's own ({@code in} = keys in, {@code
 * batch_size}, {@code lag_ms} from source commit to bulk ack, {@code retries}, {@code
 * dead_letters}) plus what only the indexer knows: documents indexed, deletes, 409s, record errors,
 * rows skipped for version 0, undecodable messages, and the time of each HBase read and bulk write.
 */
public final class IndexerMetrics {

  private final StageMetrics stage;
  private final Counter docsIndexed;
  private final Counter deletes;
  private final Counter conflicts;
  private final Counter recordErrors;
  private final Counter skippedUnversioned;
  private final Counter poisonMessages;
  private final Timer read;
  private final Timer bulk;

  public IndexerMetrics(MetricRegistry registry) {
    this.stage = new StageMetrics(registry, "indexer");
    this.docsIndexed = registry.counter("indexer.docs_indexed");
    this.deletes = registry.counter("indexer.deletes");
    this.conflicts = registry.counter("indexer.conflicts");
    this.recordErrors = registry.counter("indexer.record_errors");
    this.skippedUnversioned = registry.counter("indexer.skipped_unversioned");
    this.poisonMessages = registry.counter("indexer.poison_messages");
    this.read = registry.timer("indexer.read");
    this.bulk = registry.timer("indexer.bulk");
  }

  /** Times each multi-Get of a batch's rows from HBase. */
  Timer read() {
    return read;
  }

  /** Times each batch's bulk write, retries included, until every item is settled. */
  Timer bulk() {
    return bulk;
  }

  public StageMetrics stage() {
    return stage;
  }

  void received(int messages) {
    stage.received(messages);
  }

  void poison(int messages) {
    poisonMessages.inc(messages);
  }

  void skippedUnversioned() {
    skippedUnversioned.inc();
  }

  void recordErrors(int rows) {
    recordErrors.inc(rows);
  }

  void deadLettered(int letters) {
    for (int i = 0; i < letters; i++) {
      stage.deadLettered();
    }
  }

  /** A batch is acknowledged by Elasticsearch: count it and measure each key's lag. */
  void settled(BulkOutcome outcome, List<KeyMessage> keys) {
    docsIndexed.inc(outcome.indexed());
    deletes.inc(outcome.deleted());
    conflicts.inc(outcome.superseded());
    stage.delivered(outcome.indexed() + outcome.deleted() + outcome.superseded());
    keys.forEach(k -> stage.lagFrom(k.sourceTsMs()));
  }

  public long docsIndexed() {
    return docsIndexed.getCount();
  }

  public long deletes() {
    return deletes.getCount();
  }

  public long conflicts() {
    return conflicts.getCount();
  }

  public long recordErrors() {
    return recordErrors.getCount();
  }
}
