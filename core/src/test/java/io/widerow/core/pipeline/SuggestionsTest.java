package io.widerow.core.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class SuggestionsTest {

  private static final List<String> KEYS =
      List.of("pipeline", "sources", "tables", "hbase", "kafka", "elasticsearch", "key", "type");

  @Test
  void swappedNeighboursCountAsOneEdit() {
    assertThat(Suggestions.closest("kafak", KEYS)).contains("kafka");
    assertThat(Suggestions.closest("tabels", KEYS)).contains("tables");
  }

  @Test
  void caseIsIgnoredAndTheClosestKeyWins() {
    assertThat(Suggestions.closest("HBASE", KEYS)).contains("hbase");
    assertThat(Suggestions.closest("source", KEYS)).contains("sources");
  }

  @Test
  void shortKeysGetLessSlack() {
    assertThat(Suggestions.closest("kye", KEYS)).contains("key");
    assertThat(Suggestions.closest("tpe", KEYS)).contains("type");
    assertThat(Suggestions.closest("ky", KEYS)).isEmpty(); // two letters: no edit allowed
  }

  @Test
  void keysMoreThanTwoEditsAwayAreNotSuggested() {
    assertThat(Suggestions.closest("elastcsrch", KEYS)).isEmpty(); // three deletions
    assertThat(Suggestions.closest("elastcsearch", KEYS)).contains("elasticsearch");
    assertThat(Suggestions.closest("zookeeper", KEYS)).isEmpty();
  }
}
