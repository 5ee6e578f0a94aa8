package io.widerow.indexer;

import io.widerow.core.deadletter.DeadLetter;
import io.widerow.core.deadletter.DeadLetterSink;
import io.widerow.core.deadletter.PoisonIsolation;
import io.widerow.core.document.BuildOutcome;
import io.widerow.core.document.BuildOutcome.Ready;
import io.widerow.core.document.BuildOutcome.Rejected;
import io.widerow.core.document.DocumentBuilder;
import io.widerow.core.document.IndexAction;
import io.widerow.core.retry.Retrier;
import io.widerow.core.row.IncomingMessage;
import io.widerow.core.row.WideRow;
import io.widerow.core.row.WideRowStore;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The indexer's work on one poll of keys: reads each entity's wide row and version in one Get and
 * writes its document (or tombstone) with that version as the external version; returns only when
 * the index and the dead-letter topic acknowledged, so the offsets committed after it never run
 * ahead of them (invariants 3 and 4). What fails the same way on every attempt is set aside as a
 * dead letter holding the key message, so the partition moves on: a row with a cell that does not
 * decode, a document the builder or Elasticsearch refuses, a document too large to send; a poll
 * that still fails on its input is handled one message at a time ({@link PoisonIsolation}).
 */
public final class IndexStage {

  private static final Logger LOG = LoggerFactory.getLogger(IndexStage.class);

  private final DocumentBuilder builder;
  private final WideRowStore store;
  private final DocumentIndex index;
  private final DeadLetterSink deadLetters;
  private final Retrier retrier;
  private final IndexerMetrics metrics;
  private final PoisonIsolation isolation;

  public IndexStage(
      DocumentBuilder builder,
      WideRowStore store,
      DocumentIndex index,
      DeadLetterSink deadLetters,
      Retrier retrier,
      IndexerMetrics metrics) {
    this.builder = builder;
    this.store = store;
    this.index = index;
    this.deadLetters = deadLetters;
    this.retrier = retrier;
    this.metrics = metrics;
    this.isolation =
        new PoisonIsolation("indexer", deadLetters, retrier, () -> metrics.deadLettered(1));
  }

  /** The stage dead letters of rows with undecodable cells carry. */
  static final String READ_STAGE = "indexer.read";

  /** One poll: returns only when every key's document and every dead letter is acknowledged. */
  public void handle(List<IncomingMessage> batch) throws Exception {
    metrics.received(batch.size());
    isolation.handle(batch, this::index);
  }

  private void index(List<IncomingMessage> batch) throws Exception {
    String where = batch.get(0).where() + "+" + batch.size();
    KeyBatch keys = KeyBatch.of(batch);
    List<DeadLetter> letters = new ArrayList<>(keys.poison());
    metrics.poison(letters.size());
    List<IndexAction> actions = buildActions(readRows(keys, where), keys, letters);
    BulkOutcome written;
    try (var timing = metrics.bulk().time()) {
      written = index.write(actions);
    }
    written.rejected().forEach(r -> letters.add(rowLetter("indexer.bulk", r, keys)));
    metrics.recordErrors(letters.size() - keys.poison().size());
    sendDeadLetters(letters, where);
    metrics.settled(written, keys.keys());
    LOG.debug(
        "{}: {} keys, {} indexed, {} deleted, {} superseded, {} dead letters",
        where,
        keys.rowkeys().size(),
        written.indexed(),
        written.deleted(),
        written.superseded(),
        letters.size());
  }

  private List<WideRow> readRows(KeyBatch keys, String where) throws Exception {
    try (var timing = metrics.read().time()) {
      return retrier.call(
          "read " + keys.rowkeys().size() + " rows of " + where, () -> store.read(keys.rowkeys()));
    }
  }

  /** A document or tombstone per row; a row the builder rejects becomes a dead letter. */
  private List<IndexAction> buildActions(
      List<WideRow> rows, KeyBatch keys, List<DeadLetter> letters) {
    List<IndexAction> actions = new ArrayList<>(rows.size());
    for (WideRow row : rows) {
      if (shouldSkipUnversioned(row, keys)) {
        continue;
      }
      if (!row.undecodable().isEmpty()) {
        letters.add(rowLetter(READ_STAGE, undecodable(row), keys));
        continue;
      }
      BuildOutcome outcome = builder.build(row);
      if (outcome instanceof Ready ready) {
        actions.add(ready.action());
      } else {
        letters.add(rowLetter("indexer.document", (Rejected) outcome, keys));
      }
    }
    return actions;
  }

  private void sendDeadLetters(List<DeadLetter> letters, String where) throws Exception {
    if (letters.isEmpty()) {
      return;
    }
    retrier.run("dead-letter " + letters.size() + " of " + where, () -> deadLetters.send(letters));
    metrics.deadLettered(letters.size());
  }

  /**
   * A row whose {@code m:v} is 0 was never bumped by the merger. The merger publishes a key only
   * after its bump is acknowledged, so such a key did not come from it (a hand-published key, a
   * replay against a restored table) and the row is absent or not yet announced: a version-0
   * document could not be ordered against later ones, and if the row is ever written the merger's
   * bump brings a key with a real version. Skipping loses nothing.
   */
  private boolean shouldSkipUnversioned(WideRow row, KeyBatch keys) {
    if (row.version() != 0) {
      return false;
    }
    metrics.skippedUnversioned();
    LOG.info(
        "rowkey {} at {} has version 0 (never bumped); skipped",
        row.rowkey(),
        keys.positionOf(row.rowkey()));
    return true;
  }

  /** Why a row cannot be indexed as it is stored; names the cells, never their content. */
  private static Rejected undecodable(WideRow row) {
    StringBuilder reason = new StringBuilder();
    row.undecodable()
        .forEach(
            (qualifier, why) ->
                reason
                    .append(reason.length() == 0 ? "" : "; ")
                    .append("d:")
                    .append(qualifier)
                    .append(" does not decode: ")
                    .append(why));
    return new Rejected(
        row.rowkey(),
        reason
            + "; the row is not indexed until the cell is written again (widerow verify --repair)");
  }

  private static DeadLetter rowLetter(String stage, Rejected rejected, KeyBatch keys) {
    // The key message, no row content: the operator repairs the source row or cell, and a replay
    // of the letter (or the next change) indexes it.
    return new DeadLetter(
        stage,
        rejected.rowkey().getBytes(StandardCharsets.UTF_8),
        keys.messageOf(rejected.rowkey()).encodeValue(),
        rejected.reason(),
        keys.positionOf(rejected.rowkey()));
  }
}
