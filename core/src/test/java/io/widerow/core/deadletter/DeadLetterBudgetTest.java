package io.widerow.core.deadletter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.widerow.core.service.FatalException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class DeadLetterBudgetTest {

  private final List<DeadLetter> sent = new ArrayList<>();
  private long now = 1_000_000;
  private final DeadLetterBudget budget =
      new DeadLetterBudget("indexer", sent::addAll, 3, "p.dlq", () -> now);

  @Test
  void lettersWithinTheLimitAreSentAndTheServiceGoesOn() throws Exception {
    budget.send(letters(2));
    now += 30_000;
    budget.send(letters(1));

    assertThat(sent).hasSize(3);
  }

  @Test
  void moreLettersThanTheLimitWithinAMinuteStopTheServiceOnceTheyAreSent() throws Exception {
    budget.send(letters(2));
    now += 59_000;

    assertThatThrownBy(() -> budget.send(letters(2)))
        .isInstanceOf(FatalException.class)
        .hasMessageStartingWith(
            "indexer: 4 records set aside within a minute, above deadLetters.maxPerMinute (3)")
        .hasMessageContaining("The latest, from indexer.bulk at keys-0@7: 400 mapper_parsing")
        .hasMessageContaining("widerow dlq list` (topic p.dlq)");
    assertThat(sent).hasSize(4);
  }

  @Test
  void lettersOlderThanAMinuteNoLongerCount() throws Exception {
    budget.send(letters(3));
    now += 60_000;

    budget.send(letters(3));

    assertThat(sent).hasSize(6);
  }

  private static List<DeadLetter> letters(int n) {
    return Collections.nCopies(
        n, new DeadLetter("indexer.bulk", null, null, "400 mapper_parsing", "keys-0@7"));
  }
}
