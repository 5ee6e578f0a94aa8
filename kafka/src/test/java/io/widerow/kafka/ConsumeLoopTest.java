package io.widerow.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import com.codahale.metrics.MetricRegistry;
import io.widerow.core.metrics.StageMetrics;
import io.widerow.core.row.IncomingMessage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConsumeLoopTest {

  private static final String TOPIC = "w.p.changes";

  private final ScriptedConsumer consumer = new ScriptedConsumer(TOPIC, 2);
  private final List<String> events = new ArrayList<>();
  private final List<Throwable> failures = new ArrayList<>();
  private final StageMetrics metrics = new StageMetrics(new MetricRegistry(), "test");

  @Test
  void commitsEachPollsOffsetsOnlyAfterItsHandlerReturned() {
    ConsumeLoop loop = loop(this::note);
    consumer.onCommit(() -> events.add("commit"));
    consumer
        .nextPoll(
            c -> {
              c.assignOnly(0, 1);
              c.add(0, bytes("a"), bytes("1"));
              c.add(0, bytes("b"), bytes("2"));
              c.add(1, bytes("c"), bytes("3"));
            })
        .nextPoll(c -> c.add(0, bytes("d"), bytes("4")))
        .nextPoll(c -> loop.stop());

    loop.run();

    assertThat(events)
        .containsExactly(
            "handle w.p.changes-0@0 w.p.changes-0@1 w.p.changes-1@0",
            "commit",
            "handle w.p.changes-0@2",
            "commit");
    assertThat(consumer.commits()).containsExactly(Map.of(0, 2L, 1, 1L), Map.of(0, 3L));
    assertThat(failures).isEmpty();
    assertThat(consumer.closed()).isTrue();
  }

  @Test
  void failingBatchIsNotCommittedAndEndsTheLoopWithItsFailure() {
    IOException down = new IOException("the next stage is down");
    ConsumeLoop loop =
        loop(
            batch -> {
              note(batch);
              if (events.size() > 1) {
                throw down;
              }
            });
    consumer
        .nextPoll(
            c -> {
              c.assignOnly(0);
              c.add(0, bytes("a"), bytes("1"));
            })
        .nextPoll(c -> c.add(0, bytes("b"), bytes("2")))
        .nextPoll(c -> c.add(0, bytes("c"), bytes("3")));

    loop.run();

    assertThat(events).containsExactly("handle w.p.changes-0@0", "handle w.p.changes-0@1");
    assertThat(consumer.commits()).containsExactly(Map.of(0, 1L));
    assertThat(failures).containsExactly(down);
    assertThat(consumer.closed()).isTrue();
  }

  @Test
  void revocationCommitsNeitherTheRevokedPartitionNorWorkNotHandled() {
    ConsumeLoop loop =
        loop(
            batch -> {
              note(batch);
              if (batch.get(0).where().endsWith("@2")) {
                throw new IOException("the next stage is down");
              }
            });
    consumer
        .nextPoll(
            c -> {
              c.assignOnly(0, 1);
              c.add(0, bytes("a"), bytes("1"));
              c.add(1, bytes("b"), bytes("2"));
            })
        .nextPoll(
            c -> {
              // Fetched but not handed out: dropped with the revocation, another consumer takes
              // partition 1 over from its committed offset.
              c.add(1, bytes("c"), bytes("3"));
              c.assignOnly(0);
              c.add(0, bytes("d"), bytes("4"));
            })
        .nextPoll(c -> c.add(0, bytes("e"), bytes("5")));

    loop.run();

    assertThat(events)
        .containsExactly(
            "handle w.p.changes-0@0 w.p.changes-1@0",
            "handle w.p.changes-0@1",
            "handle w.p.changes-0@2");
    assertThat(consumer.commits()).containsExactly(Map.of(0, 1L, 1, 1L), Map.of(0, 2L));
    assertThat(failures).hasSize(1);
  }

  @Test
  void aCommitRefusedDuringARebalanceIsMadeWhenThePartitionIsRevoked() {
    ConsumeLoop loop = loop(this::note);
    consumer
        .nextPoll(
            c -> {
              c.assignOnly(0, 1);
              c.add(0, bytes("a"), bytes("1"));
              c.add(1, bytes("b"), bytes("2"));
              c.refuseCommits(1);
            })
        .nextPoll(
            c -> {
              // Partition 1 moves to another member: it must start after what was handled here.
              c.assignOnly(0);
              c.add(0, bytes("c"), bytes("3"));
            })
        .nextPoll(c -> loop.stop());

    loop.run();

    assertThat(events)
        .containsExactly("handle w.p.changes-0@0 w.p.changes-1@0", "handle w.p.changes-0@1");
    assertThat(consumer.commits()).containsExactly(Map.of(1, 1L), Map.of(0, 2L));
    assertThat(failures).isEmpty();
  }

  @Test
  void stopEndsTheLoopWithoutAFailure() {
    ConsumeLoop loop = loop(this::note);
    consumer.nextPoll(c -> c.assignOnly(0)).nextPoll(c -> loop.stop());

    loop.run();

    assertThat(events).isEmpty();
    assertThat(failures).isEmpty();
    assertThat(consumer.closed()).isTrue();
  }

  private ConsumeLoop loop(ConsumeLoop.BatchHandler handler) {
    return new ConsumeLoop("test-0", consumer, TOPIC, handler, metrics, failures::add);
  }

  private void note(List<IncomingMessage> batch) {
    List<String> where = batch.stream().map(IncomingMessage::where).sorted().toList();
    events.add("handle " + String.join(" ", where));
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
