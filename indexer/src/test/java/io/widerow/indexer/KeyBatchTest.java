package io.widerow.indexer;

import static org.assertj.core.api.Assertions.assertThat;

import io.widerow.core.row.IncomingMessage;
import io.widerow.core.row.KeyMessage;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class KeyBatchTest {

  @Test
  void duplicateKeysCollapseToOneKeepingOldestSourceTimeAndFirstPosition() {
    KeyBatch batch =
        KeyBatch.of(
            List.of(
                message("0a:1", "{\"ts\":200}", "keys-0@5"),
                message("0b:2", "{\"ts\":100}", "keys-1@7"),
                message("0a:1", "{\"ts\":150}", "keys-0@6")));

    assertThat(batch.rowkeys()).containsExactly("0a:1", "0b:2");
    assertThat(batch.keys())
        .containsExactly(new KeyMessage("0a:1", 150), new KeyMessage("0b:2", 100));
    assertThat(batch.positionOf("0a:1")).isEqualTo("keys-0@5");
    assertThat(batch.poison()).isEmpty();
  }

  @Test
  void undecodableMessageBecomesADeadLetterAndTheRestGoesOn() {
    KeyBatch batch =
        KeyBatch.of(
            List.of(
                message("0a:1", "not json", "keys-0@5"),
                message("0b:2", "{\"ts\":1}", "keys-0@6")));

    assertThat(batch.rowkeys()).containsExactly("0b:2");
    assertThat(batch.poison())
        .singleElement()
        .satisfies(
            letter -> {
              assertThat(letter.stage()).isEqualTo("indexer.decode");
              assertThat(letter.where()).isEqualTo("keys-0@5");
              assertThat(letter.reason()).contains("ts");
            });
  }

  private static IncomingMessage message(String key, String value, String where) {
    return new IncomingMessage(
        key.getBytes(StandardCharsets.UTF_8), value.getBytes(StandardCharsets.UTF_8), where);
  }
}
