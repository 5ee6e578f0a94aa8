package io.widerow.ingest.debezium;

import io.debezium.engine.DebeziumEngine;
import io.debezium.engine.RecordChangeEvent;
import io.widerow.core.change.ChangeEvent;
import io.widerow.core.deadletter.DeadLetter;
import io.widerow.ingest.IngestMetrics;
import io.widerow.ingest.SnapshotKeys;
import io.widerow.ingest.WideRowWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.apache.kafka.connect.source.SourceRecord;

/**
 * Hands each batch of the engine to the {@link WideRowWriter} and marks its records processed only
 * after the writer returned, i.e. after HBase and Kafka acknowledged; a batch that still fails
 * after retries is never marked, and the engine stops, to replay it from the last committed offset.
 * While every record of a batch belongs to an initial snapshot that goes on, its keys are held
 * ({@link SnapshotKeys}) and published with the first batch that ends the snapshot or streams.
 */
final class BatchConsumer
    implements DebeziumEngine.ChangeConsumer<RecordChangeEvent<SourceRecord>> {

  static final String STAGE = "ingest.debezium";

  private final RecordConverter converter;
  private final WideRowWriter writer;
  private final IngestMetrics metrics;
  private final Consumer<Throwable> onFailure;
  private final SnapshotKeys snapshotKeys;

  BatchConsumer(
      RecordConverter converter,
      WideRowWriter writer,
      IngestMetrics metrics,
      int snapshotKeyLimit,
      Consumer<Throwable> onFailure) {
    this.converter = converter;
    this.writer = writer;
    this.metrics = metrics;
    this.onFailure = onFailure;
    this.snapshotKeys = metrics.snapshotKeys(snapshotKeyLimit);
  }

  @Override
  public void handleBatch(
      List<RecordChangeEvent<SourceRecord>> records,
      DebeziumEngine.RecordCommitter<RecordChangeEvent<SourceRecord>> committer)
      throws InterruptedException {
    List<ChangeEvent> changes = new ArrayList<>(records.size());
    List<DeadLetter> unreadable = new ArrayList<>();
    boolean snapshotGoesOn = !records.isEmpty();
    for (RecordChangeEvent<SourceRecord> record : records) {
      read(record.record(), changes, unreadable);
      snapshotGoesOn &= RecordConverter.snapshotGoesOn(record.record());
    }
    try {
      writer.write(changes, unreadable, snapshotKeys, snapshotGoesOn);
    } catch (InterruptedException e) {
      throw e;
    } catch (Exception e) {
      // Report first: the owner stops every engine even if this one only logs what we throw.
      BatchFailedException failure = new BatchFailedException(converter.sourceName(), e);
      onFailure.accept(failure);
      throw failure;
    }
    for (RecordChangeEvent<SourceRecord> record : records) {
      committer.markProcessed(record);
    }
    committer.markBatchFinished();
  }

  private void read(SourceRecord record, List<ChangeEvent> changes, List<DeadLetter> unreadable) {
    try {
      Optional<ChangeEvent> change = converter.convert(record);
      if (change.isPresent()) {
        changes.add(change.get());
      } else {
        metrics.skippedNotARowChange();
      }
    } catch (RuntimeException e) {
      unreadable.add(
          new DeadLetter(
              STAGE,
              null,
              null,
              "unreadable change record: " + e.getMessage(),
              converter.where(record)));
    }
  }

  /** A batch that could not be stored; nothing of it was committed. */
  static final class BatchFailedException extends RuntimeException {
    BatchFailedException(String source, Throwable cause) {
      super(
          "source " + source + ": a batch could not be stored and was not committed: " + cause,
          cause);
    }
  }
}
