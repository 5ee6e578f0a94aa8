package io.widerow.merger;

import io.widerow.core.deadletter.DeadLetterSink;
import io.widerow.core.deadletter.PoisonIsolation;
import io.widerow.core.metrics.StageMetrics;
import io.widerow.core.retry.Retrier;
import io.widerow.core.row.IncomingMessage;
import io.widerow.core.row.KeyPublisher;
import io.widerow.core.row.WideRowStore;
import java.util.List;

/**
 * The merger's work on one poll of change keys: each distinct rowkey's version is bumped once, then
 * the keys are handed to the indexer; it returns only when both are acknowledged, so the offsets
 * committed after it never run ahead of them (invariants 3 and 4). A message that does not decode
 * (or names no possible rowkey) is a dead letter; a poll that still fails on its input is handled
 * one message at a time ({@link PoisonIsolation}), so a poison message never stalls its partition.
 */
public final class MergeStage {

  private final KeyCoalescer coalescer = new KeyCoalescer("merger");
  private final VersionBumper bumper;
  private final KeyPublisher publisher;
  private final DeadLetterSink deadLetters;
  private final Retrier retrier;
  private final StageMetrics metrics;
  private final PoisonIsolation isolation;

  public MergeStage(
      WideRowStore store,
      KeyPublisher publisher,
      DeadLetterSink deadLetters,
      Retrier retrier,
      StageMetrics metrics) {
    this.bumper = new VersionBumper(store, retrier);
    this.publisher = publisher;
    this.deadLetters = deadLetters;
    this.retrier = retrier;
    this.metrics = metrics;
    this.isolation = new PoisonIsolation("merger", deadLetters, retrier, metrics::deadLettered);
  }

  /** One poll: undecodable messages go to the dead-letter topic, the rest are merged. */
  public void handle(List<IncomingMessage> batch) throws Exception {
    metrics.received(batch.size());
    isolation.handle(batch, this::merge);
  }

  private void merge(List<IncomingMessage> batch) throws Exception {
    KeyCoalescer.Coalesced coalesced = coalescer.coalesce(batch);
    String where = batch.get(0).where() + "+" + batch.size();
    if (!coalesced.deadLetters().isEmpty()) {
      retrier.run("dead-letter " + where, () -> deadLetters.send(coalesced.deadLetters()));
      coalesced.deadLetters().forEach(d -> metrics.deadLettered());
    }
    bumper.bump(coalesced.keys(), where);
    retrier.run("publish keys of " + where, () -> publisher.publish(coalesced.keys()));
    metrics.delivered(coalesced.keys().size());
    coalesced.keys().forEach(k -> metrics.lagFrom(k.sourceTsMs()));
  }
}
