package io.widerow.core.deadletter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.codahale.metrics.Counter;
import io.widerow.core.retry.Retrier;
import io.widerow.core.retry.RetrySettings;
import io.widerow.core.row.IncomingMessage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PoisonIsolationTest {

  private final List<DeadLetter> letters = new ArrayList<>();
  private final List<String> handled = new ArrayList<>();
  private final Counter counted = new Counter();
  private final PoisonIsolation isolation =
      new PoisonIsolation(
          "merger",
          letters::addAll,
          new Retrier(
              "merger",
              new RetrySettings(
                  Duration.ofMillis(1), Duration.ofMillis(2), Duration.ofMillis(50), 0),
              new Counter()),
          counted::inc);

  @Test
  void aPollThatFailsOnItsInputIsHandledOneByOneAndThePoisonIsSetAsideWithTheMessage()
      throws Exception {
    isolation.handle(
        List.of(message("a", 1), message("poison", 2), message("c", 3)),
        batch -> {
          if (batch.stream().anyMatch(m -> key(m).equals("poison"))) {
            throw new IllegalArgumentException("Row length 40000 is > 32767");
          }
          batch.forEach(m -> handled.add(key(m)));
        });

    assertThat(handled).containsExactly("a", "c");
    assertThat(letters)
        .singleElement()
        .satisfies(
            l -> {
              assertThat(l.stage()).isEqualTo("merger");
              assertThat(new String(l.key(), StandardCharsets.UTF_8)).isEqualTo("poison");
              assertThat(new String(l.value(), StandardCharsets.UTF_8)).isEqualTo("{\"ts\":2}");
              assertThat(l.reason())
                  .isEqualTo(
                      "failed on this message: IllegalArgumentException: Row length 40000 is >"
                          + " 32767");
              assertThat(l.where()).isEqualTo("changes-0@2");
            });
    assertThat(counted.getCount()).isEqualTo(1);
  }

  @Test
  void aFailureOfAServerIsThrownOnForTheServiceToRetryOrStop() {
    assertThatThrownBy(
            () ->
                isolation.handle(
                    List.of(message("a", 1), message("b", 2)),
                    batch -> {
                      throw new IOException("region server down");
                    }))
        .isInstanceOf(IOException.class);
    assertThat(letters).isEmpty();
  }

  private static IncomingMessage message(String key, long offset) {
    return new IncomingMessage(
        key.getBytes(StandardCharsets.UTF_8),
        ("{\"ts\":" + offset + "}").getBytes(StandardCharsets.UTF_8),
        "changes-0@" + offset);
  }

  private static String key(IncomingMessage m) {
    return new String(m.key(), StandardCharsets.UTF_8);
  }
}
