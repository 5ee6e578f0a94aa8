package io.widerow.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SettingsTest {

  private static final String KEY = "widerow.test.port";

  @AfterEach
  void clear() {
    System.clearProperty(KEY);
  }

  @Test
  void portFromSystemPropertyWins() {
    System.setProperty(KEY, "24000");
    assertThat(Settings.port(KEY, 1)).isEqualTo(24000);
  }

  @Test
  void defaultWhenUnset() {
    assertThat(Settings.port(KEY, 23306)).isEqualTo(23306);
  }

  @Test
  void invalidPortNamesKeyEnvironmentVariableAndExpectation() {
    System.setProperty(KEY, "70000");
    assertThatThrownBy(() -> Settings.port(KEY, 1))
        .hasMessageContaining(KEY)
        .hasMessageContaining("WIDEROW_TEST_PORT")
        .hasMessageContaining("'70000'")
        .hasMessageContaining("1..65535");
  }

  @Test
  void environmentNameIsThePropertyInUpperCase() {
    assertThat(Settings.envName("widerow.kafka.controller.port"))
        .isEqualTo("WIDEROW_KAFKA_CONTROLLER_PORT");
  }
}
