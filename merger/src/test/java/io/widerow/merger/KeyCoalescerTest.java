package io.widerow.merger;

import static org.assertj.core.api.Assertions.assertThat;

import io.widerow.core.row.IncomingMessage;
import io.widerow.core.row.KeyMessage;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class KeyCoalescerTest {

  private final KeyCoalescer coalescer = new KeyCoalescer("merger");

  private static IncomingMessage message(String rowkey, long ts, long offset) {
    return new IncomingMessage(
        rowkey.getBytes(StandardCharsets.UTF_8),
        new KeyMessage(rowkey, ts).encodeValue(),
        "changes-0@" + offset);
  }

  @Test
  void repeatedKeysOfOnePollBecomeOneKeyWithTheOldestSourceTime() {
    var result =
        coalescer.coalesce(
            List.of(message("01:a", 300, 1), message("02:b", 100, 2), message("01:a", 200, 3)));

    assertThat(result.keys())
        .containsExactly(new KeyMessage("01:a", 200), new KeyMessage("02:b", 100));
    assertThat(result.deadLetters()).isEmpty();
  }

  @Test
  void undecodableMessageIsSetAsideWithReasonAndPositionWhileTheRestGoOn() {
    var poison =
        new IncomingMessage(
            "03:c".getBytes(StandardCharsets.UTF_8),
            "not json".getBytes(StandardCharsets.UTF_8),
            "changes-1@7");

    var result = coalescer.coalesce(List.of(poison, message("01:a", 5, 8)));

    assertThat(result.keys()).containsExactly(new KeyMessage("01:a", 5));
    assertThat(result.deadLetters())
        .singleElement()
        .satisfies(
            d -> {
              assertThat(d.where()).isEqualTo("changes-1@7");
              assertThat(d.reason()).contains("{\"ts\":<epoch ms>}");
              assertThat(d.stage()).isEqualTo("merger");
            });
  }

  @Test
  void messageWithoutKeyIsADeadLetter() {
    var noKey = new IncomingMessage(null, new KeyMessage("x", 1).encodeValue(), "changes-0@9");

    var result = coalescer.coalesce(List.of(noKey));

    assertThat(result.keys()).isEmpty();
    assertThat(result.deadLetters())
        .singleElement()
        .satisfies(d -> assertThat(d.reason()).isEqualTo("message has no key (rowkey)"));
  }
}
