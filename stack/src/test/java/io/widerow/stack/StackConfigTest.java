package io.widerow.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class StackConfigTest {

  private static final List<String> PORTS =
      List.of(
          "widerow.kafka.port",
          "widerow.kafka.secured.port",
          "widerow.elasticsearch.port",
          "widerow.elasticsearch.secured.port");

  @AfterEach
  void clear() {
    PORTS.forEach(System::clearProperty);
  }

  @Test
  void securedPortsFollowThePlaintextPortsUnlessSet() {
    assumeTrue(
        PORTS.stream().allMatch(p -> System.getenv(Settings.envName(p)) == null),
        "the port variables are set in this environment");
    System.setProperty("widerow.kafka.port", "31092");
    System.setProperty("widerow.elasticsearch.port", "31200");

    StackConfig moved = StackConfig.fromEnvironment();
    System.setProperty("widerow.kafka.secured.port", "32000");
    System.setProperty("widerow.elasticsearch.secured.port", "32001");
    StackConfig set = StackConfig.fromEnvironment();
    clear();
    StackConfig defaults = StackConfig.fromEnvironment();

    assertThat(moved.kafkaSecuredPort()).isEqualTo(31094);
    assertThat(moved.elasticsearchSecuredPort()).isEqualTo(31243);
    assertThat(set.kafkaSecuredPort()).isEqualTo(32000);
    assertThat(set.elasticsearchSecuredPort()).isEqualTo(32001);
    assertThat(defaults.kafkaSecuredPort()).isEqualTo(29094);
    assertThat(defaults.elasticsearchSecuredPort()).isEqualTo(29243);
  }
}
