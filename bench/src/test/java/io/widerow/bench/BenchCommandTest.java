package io.widerow.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** Options of one workload given to the other are refused before anything runs. */
class BenchCommandTest {

  private final StringWriter err = new StringWriter();

  private int run(String... args) {
    CommandLine cli = new CommandLine(new BenchCommand());
    cli.setErr(new PrintWriter(err));
    return cli.execute(args);
  }

  @Test
  void theDemosOptionsAreRefusedWithTheReferenceWorkloadNamingEach() {
    int code = run("--workload", "reference", "--query", "--freshness", "PT10S");
    assertThat(code).isEqualTo(2);
    assertThat(err.toString())
        .contains("--query, --freshness are not read by --workload reference")
        .contains("expected without them");
  }

  @Test
  void theReferenceOptionsAreRefusedWithTheDemoWorkload() {
    int code = run("--in-jvm");
    assertThat(code).isEqualTo(2);
    assertThat(err.toString()).contains("--in-jvm is not read by --workload demo");
  }

  @Test
  void anUnknownWorkloadNamesTheChoices() {
    int code = run("--workload", "flink");
    assertThat(code).isEqualTo(2);
    assertThat(err.toString()).contains("--workload").contains("demo, reference");
  }
}
