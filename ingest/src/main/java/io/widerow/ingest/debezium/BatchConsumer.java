package io.widerow.ingest.debezium;

import io.debezium.engine.DebeziumEngine;
import io.debezium.engine.RecordChangeEvent;
import io.widerow.core.change.ChangeEvent;
import io.widerow.core.deadletter.DeadLetter;
import io.widerow.core.retry.Failures;
import io.widerow.core.service.FatalException;
import io.widerow.ingest.IngestMetrics;
import io.widerow.ingest.SnapshotKeys;
import io.widerow.ingest.WideRowWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.apache.kafka.connect.source.SourceRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands each batch of the engine to the {@link WideRowWriter} and marks its records processed only
 * after the writer returned, i.e. after HBase and Kafka acknowledged; a batch that still fails
 * after retries is never marked, and the engine stops, to replay it from the last committed offset.
 * While every record of a batch belongs to an initial snapshot that goes on, its keys are held
 * ({@link SnapshotKeys}) and published with the first batch that ends the snapshot or streams.
 *
 * <p>A batch that fails on its input ({@link Failures#isDeterministic}) would fail again after
 * every restart: it is written again one record at a time, and each record that still fails alone
 * becomes a dead letter holding the record itself ({@link RecordLetters}), so the source moves on
 * and the record can be replayed once the cause is mended.
 */
final class BatchConsumer
    implements DebeziumEngine.ChangeConsumer<RecordChangeEvent<SourceRecord>> {

  static final String STAGE = "ingest.debezium";

  private static final Logger LOG = LoggerFactory.getLogger(BatchConsumer.class);

  /** The stage of a record that failed alone when written. */
  static final String WRITER_STAGE = "ingest.writer";

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
      try {
        writer.write(changes, unreadable, snapshotKeys, snapshotGoesOn);
      } catch (FatalException e) {
        throw e;
      } catch (Exception e) {
        if (!Failures.isDeterministic(e)) {
          throw e;
        }
        writeOneByOne(records, snapshotGoesOn, e);
      }
    } catch (InterruptedException e) {
      throw e;
    } catch (FatalException e) {
      // Said once, as it is: the service stops with the message, exit code 3.
      onFailure.accept(e);
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

  private void writeOneByOne(
      List<RecordChangeEvent<SourceRecord>> records, boolean snapshotGoesOn, Exception cause)
      throws Exception {
    LOG.warn(
        "source {}: a batch of {} records failed on its input ({}); writing them one at a time",
        converter.sourceName(),
        records.size(),
        Failures.describe(cause));
    List<DeadLetter> poison = new ArrayList<>();
    for (RecordChangeEvent<SourceRecord> record : records) {
      List<ChangeEvent> one = new ArrayList<>(1);
      List<DeadLetter> unreadable = new ArrayList<>(1);
      read(record.record(), one, unreadable);
      try {
        writer.write(one, unreadable, snapshotKeys, snapshotGoesOn);
      } catch (FatalException e) {
        throw e;
      } catch (Exception e) {
        if (!Failures.isDeterministic(e)) {
          throw e;
        }
        poison.add(
            letter(
                WRITER_STAGE, record.record(), "failed on this record: " + Failures.describe(e)));
      }
    }
    writer.write(List.of(), poison, snapshotKeys, snapshotGoesOn);
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
      unreadable.add(letter(STAGE, record, "unreadable change record: " + e.getMessage()));
    }
  }

  /** A letter holding the record itself; a record that cannot even be written holds its text. */
  private DeadLetter letter(String stage, SourceRecord record, String reason) {
    byte[] key;
    byte[] value;
    try {
      key = RecordLetters.key(record);
      value = RecordLetters.value(record);
    } catch (RuntimeException unwritable) {
      key = null;
      value = String.valueOf(record).getBytes(StandardCharsets.UTF_8);
    }
    return new DeadLetter(stage, key, value, reason, converter.where(record));
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
