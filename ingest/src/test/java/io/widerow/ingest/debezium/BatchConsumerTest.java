package io.widerow.ingest.debezium;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.codahale.metrics.MetricRegistry;
import io.debezium.engine.DebeziumEngine;
import io.debezium.engine.RecordChangeEvent;
import io.widerow.core.change.ChangeEventMapper;
import io.widerow.core.change.IngestTestPipelines;
import io.widerow.core.deadletter.DeadLetter;
import io.widerow.core.pipeline.Source;
import io.widerow.core.retry.Failures;
import io.widerow.core.retry.Retrier;
import io.widerow.core.retry.RetrySettings;
import io.widerow.core.row.KeyMessage;
import io.widerow.core.row.KeyPublisher;
import io.widerow.core.row.RowWrite;
import io.widerow.core.row.WideRow;
import io.widerow.core.row.WideRowStore;
import io.widerow.core.rowkey.RowKeyCodec;
import io.widerow.ingest.IngestMetrics;
import io.widerow.ingest.WideRowWriter;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.source.SourceRecord;
import org.junit.jupiter.api.Test;

class BatchConsumerTest {

  private static final Schema ROW =
      SchemaBuilder.struct()
          .optional()
          .field("order_id", Schema.OPTIONAL_INT64_SCHEMA)
          .field("version", Schema.INT64_SCHEMA)
          .build();
  private static final Schema SOURCE =
      SchemaBuilder.struct()
          .field("db", Schema.STRING_SCHEMA)
          .field("table", Schema.STRING_SCHEMA)
          .field("file", Schema.STRING_SCHEMA)
          .field("pos", Schema.INT64_SCHEMA)
          .field("row", Schema.INT32_SCHEMA)
          .field("ts_ms", Schema.INT64_SCHEMA)
          .field("snapshot", Schema.OPTIONAL_STRING_SCHEMA)
          .build();
  private static final Schema ENVELOPE =
      SchemaBuilder.struct()
          .name("it.shop_0.orders_0.Envelope")
          .field("before", ROW)
          .field("after", ROW)
          .field("source", SOURCE)
          .field("op", Schema.STRING_SCHEMA)
          .build();

  private final List<String> calls = new ArrayList<>();
  private final List<Throwable> failures = new ArrayList<>();
  private final List<DeadLetter> letters = new ArrayList<>();
  private boolean storeDown;
  private long poisonOrderId = -1;

  @Test
  void marksEveryRecordOnlyAfterTheBatchWasStoredAndPublished() throws Exception {
    Committer committer = new Committer();
    List<RecordChangeEvent<SourceRecord>> batch =
        List.of(change(1L, 0), tombstone(), change(2L, 1));

    consumer().handleBatch(batch, committer);

    assertThat(calls)
        .containsExactly(
            "write 2", "publish 2", "processed 0", "processed 1", "processed 2", "batch finished");
    assertThat(failures).isEmpty();
  }

  @Test
  void initialSnapshotBatchesHoldTheirKeysUntilTheSnapshotsLastRecord() throws Exception {
    BatchConsumer consumer = consumer();

    consumer.handleBatch(
        List.of(snapshot(1L, 0, "first"), snapshot(2L, 1, "true")), new Committer());
    consumer.handleBatch(
        List.of(snapshot(1L, 2, "last_in_data_collection"), snapshot(3L, 3, "true")),
        new Committer());
    assertThat(calls).noneMatch(c -> c.startsWith("publish"));

    consumer.handleBatch(
        List.of(snapshot(4L, 4, "true"), snapshot(5L, 5, "last")), new Committer());

    assertThat(calls).filteredOn(c -> c.startsWith("publish")).containsExactly("publish 5");
  }

  @Test
  void snapshotPublishesInRoundsOfTheSourcesKeyLimit() throws Exception {
    BatchConsumer consumer = consumer(2);

    consumer.handleBatch(List.of(snapshot(1L, 0, "first")), new Committer());
    assertThat(calls).noneMatch(c -> c.startsWith("publish"));
    consumer.handleBatch(
        List.of(snapshot(2L, 1, "true"), snapshot(3L, 2, "true")), new Committer());
    consumer.handleBatch(List.of(snapshot(4L, 3, "last")), new Committer());

    assertThat(calls)
        .filteredOn(c -> c.startsWith("publish"))
        .containsExactly("publish 3", "publish 1");
  }

  @Test
  void streamedAndIncrementalSnapshotRecordsArePublishedAtOnce() throws Exception {
    BatchConsumer consumer = consumer();

    consumer.handleBatch(List.of(snapshot(1L, 0, "incremental")), new Committer());
    consumer.handleBatch(List.of(snapshot(2L, 1, "false")), new Committer());
    // One streamed record among snapshot rows: the batch may commit a streaming offset.
    consumer.handleBatch(List.of(snapshot(3L, 2, "true"), change(4L, 3)), new Committer());

    assertThat(calls)
        .filteredOn(c -> c.startsWith("publish"))
        .containsExactly("publish 1", "publish 1", "publish 2");
  }

  @Test
  void batchThatCannotBeStoredIsNeitherMarkedNorSwallowed() {
    storeDown = true;
    Committer committer = new Committer();

    assertThatThrownBy(() -> consumer().handleBatch(List.of(change(1L, 0)), committer))
        .isInstanceOf(BatchConsumer.BatchFailedException.class)
        .hasMessageContaining("source shop")
        .hasRootCauseInstanceOf(IOException.class);
    assertThat(calls).isNotEmpty().allMatch(c -> c.equals("write 1"));
    assertThat(failures).hasSize(1);
  }

  @Test
  void recordThatCannotBeReadIsDeadLetteredAndTheBatchIsMarked() throws Exception {
    Committer committer = new Committer();
    Struct broken =
        new Struct(ENVELOPE)
            .put("after", new Struct(ROW).put("order_id", 1L).put("version", 1L))
            .put("source", source("no-number-here", 0))
            .put("op", "c");

    consumer().handleBatch(List.of(() -> record(broken)), committer);

    assertThat(calls).containsExactly("dead-letter 1", "processed 0", "batch finished");
    assertThat(letters)
        .singleElement()
        .satisfies(
            d -> {
              assertThat(d.stage()).isEqualTo("ingest.debezium");
              assertThat(d.reason()).startsWith("unreadable change record: binlog file name");
              assertThat(new String(d.value())).contains("\"no-number-here\"");
            });
  }

  @Test
  void aBatchThatFailsOnItsInputIsWrittenOneByOneAndThePoisonKeepsItsRecord() throws Exception {
    poisonOrderId = 2;
    Committer committer = new Committer();

    consumer().handleBatch(List.of(change(1L, 0), change(2L, 1), change(3L, 2)), committer);

    assertThat(calls)
        .containsSubsequence(
            "write 3", "write 1", "write 1", "write 1", "dead-letter 1", "batch finished");
    assertThat(letters)
        .singleElement()
        .satisfies(
            d -> {
              assertThat(d.stage()).isEqualTo("ingest.writer");
              assertThat(d.reason())
                  .isEqualTo("failed on this record: IllegalArgumentException: poison");
              assertThat(RecordLetters.change("shop", d.key(), d.value()).orElseThrow().after())
                  .containsEntry("order_id", 2L);
            });
    assertThat(failures).isEmpty();
  }

  private BatchConsumer consumer() {
    return consumer(Source.DEFAULT_SNAPSHOT_KEY_LIMIT);
  }

  private BatchConsumer consumer(int snapshotKeyLimit) {
    IngestMetrics metrics = new IngestMetrics(new MetricRegistry());
    RetrySettings fast =
        new RetrySettings(Duration.ofMillis(1), Duration.ofMillis(2), Duration.ofMillis(50), 0);
    WideRowWriter writer =
        new WideRowWriter(
            new ChangeEventMapper(IngestTestPipelines.orders()),
            new Store(),
            null,
            new KeyPublisher() {
              @Override
              public void publish(List<KeyMessage> keys) {
                calls.add("publish " + keys.size());
              }

              @Override
              public void close() {}
            },
            (List<DeadLetter> letters) -> {
              calls.add("dead-letter " + letters.size());
              this.letters.addAll(letters);
            },
            new Retrier(
                "ingest", fast, metrics.stage().retries(), t -> !Failures.isDeterministic(t)),
            metrics);
    return new BatchConsumer(
        new RecordConverter("shop"), writer, metrics, snapshotKeyLimit, failures::add);
  }

  private static RecordChangeEvent<SourceRecord> change(Long orderId, int row) {
    Struct value =
        new Struct(ENVELOPE)
            .put("after", new Struct(ROW).put("order_id", orderId).put("version", 1L))
            .put("source", source("bin.000003", row))
            .put("op", "c");
    SourceRecord record = record(value);
    return () -> record;
  }

  private static RecordChangeEvent<SourceRecord> snapshot(Long orderId, int row, String marker) {
    Struct value =
        new Struct(ENVELOPE)
            .put("after", new Struct(ROW).put("order_id", orderId).put("version", 1L))
            .put("source", source("bin.000003", row).put("snapshot", marker))
            .put("op", "r");
    SourceRecord record = record(value);
    return () -> record;
  }

  private static RecordChangeEvent<SourceRecord> tombstone() {
    SourceRecord record = new SourceRecord(Map.of(), Map.of(), "t", null, null, null, null);
    return () -> record;
  }

  private static SourceRecord record(Struct value) {
    return new SourceRecord(Map.of(), Map.of("pos", 400L), "t", null, null, ENVELOPE, value);
  }

  private static Struct source(String file, int row) {
    return new Struct(SOURCE)
        .put("db", "shop_0")
        .put("table", "orders_0")
        .put("file", file)
        .put("pos", 400L)
        .put("row", row)
        .put("ts_ms", 1_000L);
  }

  private final class Committer
      implements DebeziumEngine.RecordCommitter<RecordChangeEvent<SourceRecord>> {
    private final List<RecordChangeEvent<SourceRecord>> seen = new ArrayList<>();

    @Override
    public void markProcessed(RecordChangeEvent<SourceRecord> record) {
      seen.add(record);
      calls.add("processed " + (seen.size() - 1));
    }

    @Override
    public void markBatchFinished() {
      calls.add("batch finished");
    }

    @Override
    public void markProcessed(
        RecordChangeEvent<SourceRecord> record, DebeziumEngine.Offsets sourceOffsets) {
      markProcessed(record);
    }

    @Override
    public DebeziumEngine.Offsets buildOffsets() {
      throw new UnsupportedOperationException();
    }
  }

  private final class Store implements WideRowStore {
    @Override
    public void write(List<RowWrite> writes) throws IOException {
      calls.add("write " + writes.size());
      if (storeDown) {
        throw new IOException("HBase unavailable");
      }
      String poison = new RowKeyCodec(8).encode(String.valueOf(poisonOrderId));
      if (writes.stream().anyMatch(w -> w.rowkey().equals(poison))) {
        throw new IllegalArgumentException("poison");
      }
    }

    @Override
    public Map<String, Long> bumpVersions(Collection<String> rowkeys) {
      throw new UnsupportedOperationException();
    }

    @Override
    public List<WideRow> read(List<String> rowkeys) {
      throw new UnsupportedOperationException();
    }

    @Override
    public void close() {}
  }
}
