package io.widerow.indexer;

import static org.assertj.core.api.Assertions.assertThat;

import com.codahale.metrics.Counter;
import com.codahale.metrics.MetricRegistry;
import io.widerow.core.document.DocumentBuilder;
import io.widerow.core.document.IndexAction;
import io.widerow.core.document.IndexAction.Delete;
import io.widerow.core.document.IndexAction.Upsert;
import io.widerow.core.document.TestPipelines;
import io.widerow.core.retry.Retrier;
import io.widerow.core.retry.RetrySettings;
import io.widerow.core.row.InMemoryWideRowStore;
import io.widerow.core.row.KeyMessage;
import io.widerow.core.row.SourceRow;
import io.widerow.core.rowkey.RowKeyCodec;
import io.widerow.kafka.ConsumeLoop;
import io.widerow.kafka.KafkaDeadLetterSink;
import io.widerow.kafka.MockProducers;
import io.widerow.kafka.ScriptedConsumer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

/** The index stage driven through the consume loop, on Kafka's mocks and fakes of HBase and ES. */
class IndexStageTest {

  private static final String KEYS = "w.p.keys";
  private static final RowKeyCodec ROWKEYS = new RowKeyCodec(8);
  private static final String R42 = ROWKEYS.encode("42");
  private static final String R43 = ROWKEYS.encode("43");
  private static final String R44 = ROWKEYS.encode("44");

  private final ScriptedConsumer consumer = new ScriptedConsumer(KEYS, 1);
  private final InMemoryWideRowStore store = new InMemoryWideRowStore();
  private final RecordingIndex index = new RecordingIndex();
  private final MockProducer<byte[], byte[]> deadLetters = MockProducers.acknowledging();
  private final IndexerMetrics metrics = new IndexerMetrics(new MetricRegistry());
  private final List<Throwable> failures = new ArrayList<>();
  private final ConsumeLoop loop = loop();

  @Test
  void eachEntityIsIndexedOnceWithItsVersionBeforeTheOffsetsAreCommitted() {
    store.put(R42, 3, order("42", 19.9));
    store.put(R43, 2, SourceRow.tombstone("orders", null, 9));
    List<Integer> writtenAtCommit = new ArrayList<>();
    consumer.onCommit(() -> writtenAtCommit.add(index.written.size()));
    consumer
        .nextPoll(
            c -> {
              c.assignOnly(0);
              key(c, R42);
              key(c, R43);
              key(c, R42);
            })
        .nextPoll(c -> loop.stop());

    loop.run();

    assertThat(index.written).hasSize(2);
    assertThat(index.written.get(0)).isInstanceOf(Upsert.class);
    assertThat(index.written.get(0).id()).isEqualTo("42");
    assertThat(index.written.get(0).version()).isEqualTo(3);
    assertThat(index.written.get(1)).isEqualTo(new Delete("43", R43, 2));
    assertThat(writtenAtCommit).containsExactly(2);
    assertThat(consumer.commits()).containsExactly(Map.of(0, 3L));
    assertThat(failures).isEmpty();
  }

  @Test
  void recordsThatCannotBeIndexedAreDeadLetteredAndTheLoopMovesOn() {
    store.put(R42, 1, order("42", "not a number"));
    store.put(R43, 1, order("43", 5.0));
    store.put(R44, 1, order("44", 6.0));
    consumer
        .nextPoll(
            c -> {
              c.assignOnly(0);
              c.add(0, utf8(R42), null);
              key(c, R42);
              key(c, R43);
            })
        .nextPoll(c -> key(c, R44))
        .nextPoll(c -> loop.stop());

    loop.run();

    assertThat(deadLetters.history())
        .extracting(r -> header(r, "widerow.stage") + " " + header(r, "widerow.where"))
        .containsExactly("indexer.decode w.p.keys-0@0", "indexer.document w.p.keys-0@1");
    assertThat(index.written).extracting(IndexAction::id).containsExactly("43", "44");
    assertThat(consumer.commits()).containsExactly(Map.of(0, 3L), Map.of(0, 4L));
    assertThat(metrics.recordErrors()).isEqualTo(1);
    assertThat(failures).isEmpty();
  }

  @Test
  void rowWithACellThatDoesNotDecodeIsADeadLetterHoldingItsKeyMessageAndThePartitionMovesOn() {
    store.put(R42, 2, order("42", 1.0));
    store.putUndecodable(R42, "order_item#7", "cell value is not a JSON object");
    store.put(R43, 1, order("43", 5.0));
    consumer
        .nextPoll(
            c -> {
              c.assignOnly(0);
              key(c, R42);
              key(c, R43);
            })
        .nextPoll(c -> loop.stop());

    loop.run();

    assertThat(deadLetters.history())
        .singleElement()
        .satisfies(
            letter -> {
              assertThat(header(letter, "widerow.stage")).isEqualTo("indexer.read");
              assertThat(header(letter, "widerow.reason"))
                  .startsWith("d:order_item#7 does not decode: cell value is not a JSON object;");
              assertThat(letter.key()).isEqualTo(utf8(R42));
              assertThat(KeyMessage.decode(letter.key(), letter.value()))
                  .isEqualTo(new KeyMessage(R42, 1_000));
            });
    assertThat(index.written).extracting(IndexAction::id).containsExactly("43");
    assertThat(consumer.commits()).containsExactly(Map.of(0, 2L));
    assertThat(failures).isEmpty();
  }

  @Test
  void aPollThatFailsOnOneKeyIsIndexedKeyByKeyAndOnlyThatKeyIsSetAside() {
    store.put(R42, 1, order("42", 1.0));
    store.put(R43, 1, order("43", 2.0));
    store.refuse(R42);
    consumer
        .nextPoll(
            c -> {
              c.assignOnly(0);
              key(c, R42);
              key(c, R43);
            })
        .nextPoll(c -> loop.stop());

    loop.run();

    assertThat(deadLetters.history())
        .extracting(r -> header(r, "widerow.stage") + " " + new String(r.key()))
        .containsExactly("indexer " + R42);
    assertThat(index.written).extracting(IndexAction::id).containsExactly("43");
    assertThat(failures).isEmpty();
  }

  @Test
  void batchTheIndexDidNotAcknowledgeIsNotCommitted() {
    store.put(R42, 1, order("42", 1.0));
    index.down = true;
    consumer.nextPoll(
        c -> {
          c.assignOnly(0);
          key(c, R42);
        });

    loop.run();

    assertThat(consumer.commits()).isEmpty();
    assertThat(failures).singleElement().isInstanceOf(IOException.class);
    assertThat(deadLetters.history()).isEmpty();
  }

  @Test
  void rowNeverBumpedIsSkippedAndItsKeyStillCommitted() {
    store.put(R42, 0, order("42", 1.0));
    consumer
        .nextPoll(
            c -> {
              c.assignOnly(0);
              key(c, R42);
            })
        .nextPoll(c -> loop.stop());

    loop.run();

    assertThat(index.written).isEmpty();
    assertThat(consumer.commits()).containsExactly(Map.of(0, 1L));
  }

  private ConsumeLoop loop() {
    Retrier noRetries = new Retrier("indexer", RetrySettings.DEFAULT, new Counter(), t -> false);
    IndexStage stage =
        new IndexStage(
            new DocumentBuilder(TestPipelines.orders(), ROWKEYS::decode),
            store,
            index,
            new KafkaDeadLetterSink(deadLetters, "w.p.dlq"),
            noRetries,
            metrics);
    return new ConsumeLoop(
        "indexer-0", consumer, KEYS, stage::handle, metrics.stage(), failures::add);
  }

  private static SourceRow order(String orderId, Object total) {
    Map<String, Object> columns = Map.of("order_id", orderId, "user_id", 7, "total", total);
    return SourceRow.live("orders", null, 1, columns);
  }

  private static void key(ScriptedConsumer c, String rowkey) {
    c.add(0, utf8(rowkey), new KeyMessage(rowkey, 1_000).encodeValue());
  }

  private static String header(ProducerRecord<byte[], byte[]> record, String name) {
    return new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  /** Elasticsearch as the stage sees it: keeps what it was asked to write, or is down. */
  private static final class RecordingIndex implements DocumentIndex {
    final List<IndexAction> written = new ArrayList<>();
    boolean down;

    @Override
    public void ensureExists() {}

    @Override
    public BulkOutcome write(List<IndexAction> actions) throws IOException {
      if (down) {
        throw new IOException("elasticsearch is down");
      }
      written.addAll(actions);
      int deletes = (int) actions.stream().filter(a -> a instanceof Delete).count();
      return new BulkOutcome(actions.size() - deletes, deletes, 0, List.of());
    }

    @Override
    public void close() {}
  }
}
