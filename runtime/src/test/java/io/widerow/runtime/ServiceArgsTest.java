package io.widerow.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.widerow.runtime.ServiceMain.ServiceArgs;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The command line every service takes, {@code --instance-id} in valid and invalid pairs. */
class ServiceArgsTest {

  @Test
  void withoutAnInstanceIdTheServiceIsADynamicMember() {
    ServiceArgs args = ServiceArgs.parse("merger", 28082, new String[] {"--pipeline", "p.yaml"});

    assertThat(args.pipelineFile()).isEqualTo(Path.of("p.yaml"));
    assertThat(args.adminPort()).isEqualTo(28082);
    assertThat(args.instanceId()).isEmpty();
  }

  @Test
  void aPodNameIsAValidInstanceId() {
    ServiceArgs args =
        ServiceArgs.parse(
            "merger",
            28082,
            new String[] {"--pipeline", "p.yaml", "--instance-id", "widerow-merger-7d9f-x2k4q"});

    assertThat(args.instanceId()).contains("widerow-merger-7d9f-x2k4q");
  }

  @Test
  void anInstanceIdWithCharactersKafkaRefusesIsRejectedNamingTheOption() {
    assertThatThrownBy(
            () ->
                ServiceArgs.parse(
                    "indexer",
                    28083,
                    new String[] {"--pipeline", "p.yaml", "--instance-id", "pod one/2"}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("--instance-id: 'pod one/2' is not valid")
        .hasMessageContaining("letters, digits, '.', '_' or '-'");
  }

  @Test
  void anInstanceIdWithoutAValueIsRejected() {
    assertThatThrownBy(
            () ->
                ServiceArgs.parse(
                    "indexer", 28083, new String[] {"--pipeline", "p.yaml", "--instance-id"}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("--instance-id needs a value");
  }
}
