package io.widerow.merger;

import static org.assertj.core.api.Assertions.assertThat;

import com.codahale.metrics.Counter;
import com.codahale.metrics.MetricRegistry;
import io.widerow.core.metrics.StageMetrics;
import io.widerow.core.retry.Retrier;
import io.widerow.core.retry.RetrySettings;
import io.widerow.core.row.InMemoryWideRowStore;
import io.widerow.core.row.KeyMessage;
import io.widerow.kafka.ConsumeLoop;
import io.widerow.kafka.KafkaDeadLetterSink;
import io.widerow.kafka.KafkaKeyPublisher;
import io.widerow.kafka.MockProducers;
import io.widerow.kafka.ScriptedConsumer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.TimeoutException;
import org.junit.jupiter.api.Test;

/** The merge stage driven through the consume loop, on Kafka's mocks and a wide table in memory. */
class MergeStageTest {

  private static final String CHANGES = "w.p.changes";

  private final ScriptedConsumer consumer = new ScriptedConsumer(CHANGES, 1);
  private final InMemoryWideRowStore store = new InMemoryWideRowStore();
  private final MockProducer<byte[], byte[]> deadLetters = MockProducers.acknowledging();
  private final StageMetrics metrics = new StageMetrics(new MetricRegistry(), "merger");
  private final Retrier noRetries =
      new Retrier("merger", RetrySettings.DEFAULT, new Counter(), t -> false);
  private final List<Throwable> failures = new ArrayList<>();

  @Test
  void eachKeyIsBumpedOnceAndPublishedBeforeTheOffsetsAreCommitted() {
    MockProducer<byte[], byte[]> keys = MockProducers.acknowledging();
    ConsumeLoop loop = loop(keys);
    List<String> doneAtCommit = new ArrayList<>();
    consumer.onCommit(() -> doneAtCommit.add(store.bumps() + " " + rowkeys(keys.history())));
    consumer
        .nextPoll(
            c -> {
              c.assignOnly(0);
              change(c, "r1", 100);
              change(c, "r2", 70);
              change(c, "r1", 50);
            })
        .nextPoll(c -> loop.stop());

    loop.run();

    assertThat(store.bumps()).containsExactly("r1", "r2");
    assertThat(keys.history())
        .extracting(r -> KeyMessage.decode(r.key(), r.value()))
        .containsExactly(new KeyMessage("r1", 50), new KeyMessage("r2", 70));
    assertThat(doneAtCommit).containsExactly("[r1, r2] [r1, r2]");
    assertThat(consumer.commits()).containsExactly(Map.of(0, 3L));
    assertThat(failures).isEmpty();
  }

  @Test
  void undecodableChangeGoesToTheDeadLetterTopicAndTheLoopMovesOn() {
    MockProducer<byte[], byte[]> keys = MockProducers.acknowledging();
    ConsumeLoop loop = loop(keys);
    consumer
        .nextPoll(
            c -> {
              c.assignOnly(0);
              c.add(0, utf8("r1"), utf8("not a key message"));
              change(c, "r2", 10);
            })
        .nextPoll(c -> change(c, "r3", 20))
        .nextPoll(c -> loop.stop());

    loop.run();

    assertThat(deadLetters.history()).hasSize(1);
    ProducerRecord<byte[], byte[]> letter = deadLetters.history().get(0);
    assertThat(letter.key()).isEqualTo(utf8("r1"));
    assertThat(header(letter, "widerow.stage")).isEqualTo("merger");
    assertThat(header(letter, "widerow.where")).isEqualTo("w.p.changes-0@0");
    assertThat(rowkeys(keys.history())).containsExactly("r2", "r3");
    assertThat(consumer.commits()).containsExactly(Map.of(0, 2L), Map.of(0, 3L));
    assertThat(failures).isEmpty();
  }

  @Test
  void keyOverHBasesRowkeyLimitIsADeadLetterHoldingTheMessageAndThePartitionMovesOn() {
    MockProducer<byte[], byte[]> keys = MockProducers.acknowledging();
    ConsumeLoop loop = loop(keys);
    String huge = "x".repeat(40_000);
    consumer
        .nextPoll(
            c -> {
              c.assignOnly(0);
              change(c, huge, 1);
              change(c, "r2", 10);
            })
        .nextPoll(c -> loop.stop());

    loop.run();

    ProducerRecord<byte[], byte[]> letter = deadLetters.history().get(0);
    assertThat(letter.key()).isEqualTo(utf8(huge));
    assertThat(letter.value()).isEqualTo(new KeyMessage(huge, 1).encodeValue());
    assertThat(header(letter, "widerow.reason"))
        .isEqualTo("key of 40000 bytes is no rowkey: HBase's limit is 32767 bytes");
    assertThat(rowkeys(keys.history())).containsExactly("r2");
    assertThat(consumer.commits()).containsExactly(Map.of(0, 2L));
    assertThat(failures).isEmpty();
  }

  @Test
  void aPollThatFailsOnOneKeyIsMergedKeyByKeyAndOnlyThatKeyIsSetAside() {
    MockProducer<byte[], byte[]> keys = MockProducers.acknowledging();
    ConsumeLoop loop = loop(keys);
    store.refuse("r2");
    consumer
        .nextPoll(
            c -> {
              c.assignOnly(0);
              change(c, "r1", 1);
              change(c, "r2", 2);
              change(c, "r3", 3);
            })
        .nextPoll(c -> loop.stop());

    loop.run();

    assertThat(deadLetters.history())
        .singleElement()
        .satisfies(
            letter -> {
              assertThat(letter.key()).isEqualTo(utf8("r2"));
              assertThat(header(letter, "widerow.stage")).isEqualTo("merger");
              assertThat(header(letter, "widerow.reason"))
                  .startsWith("failed on this message: IllegalArgumentException: Row length");
              assertThat(header(letter, "widerow.where")).isEqualTo("w.p.changes-0@1");
            });
    assertThat(rowkeys(keys.history())).containsExactly("r1", "r3");
    assertThat(consumer.commits()).containsExactly(Map.of(0, 3L));
    assertThat(failures).isEmpty();
  }

  @Test
  void batchWhoseKeysWereNotAcknowledgedIsNotCommitted() {
    ConsumeLoop loop = loop(MockProducers.neverAcknowledging());
    consumer.nextPoll(
        c -> {
          c.assignOnly(0);
          change(c, "r1", 5);
        });

    loop.run();

    assertThat(consumer.commits()).isEmpty();
    assertThat(failures)
        .singleElement()
        .satisfies(t -> assertThat(t).hasRootCauseInstanceOf(TimeoutException.class));
    // Bumped but not committed: the replay bumps again, which is harmless (versions only grow).
    assertThat(store.version("r1")).isEqualTo(1);
  }

  private ConsumeLoop loop(MockProducer<byte[], byte[]> keys) {
    MergeStage stage =
        new MergeStage(
            store,
            new KafkaKeyPublisher(keys, "w.p.keys"),
            new KafkaDeadLetterSink(deadLetters, "w.p.dlq"),
            noRetries,
            metrics);
    return new ConsumeLoop("merger-0", consumer, CHANGES, stage::handle, metrics, failures::add);
  }

  private static void change(ScriptedConsumer c, String rowkey, long sourceTsMs) {
    c.add(0, utf8(rowkey), new KeyMessage(rowkey, sourceTsMs).encodeValue());
  }

  private static List<String> rowkeys(List<ProducerRecord<byte[], byte[]>> records) {
    return records.stream().map(r -> new String(r.key(), StandardCharsets.UTF_8)).toList();
  }

  private static String header(ProducerRecord<byte[], byte[]> record, String name) {
    return new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
