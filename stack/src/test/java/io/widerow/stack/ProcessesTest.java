package io.widerow.stack;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class ProcessesTest {

  @Test
  void thisJvmIsAliveAndHasMemory() {
    long self = ProcessHandle.current().pid();
    assertThat(Processes.isAlive(self)).isTrue();
    assertThat(Processes.rssKib(self)).isPresent();
    assertThat(Processes.peakRssKib(self).getAsLong()).isPositive();
    assertThat(Processes.commandLine(self)).contains("java");
  }

  @Test
  void terminatedChildIsNotAlive() throws Exception {
    Process sleeper = new ProcessBuilder("sleep", "600").start();
    long pid = sleeper.pid();
    assertThat(Processes.isAlive(pid)).isTrue();

    boolean killed = Processes.terminate(pid, Duration.ofSeconds(10));

    assertThat(killed).isFalse();
    assertThat(Processes.isAlive(pid)).isFalse();
  }

  @Test
  void unknownPidIsNotAlive() {
    assertThat(Processes.isAlive(Integer.MAX_VALUE)).isFalse();
    assertThat(Processes.commandLine(Integer.MAX_VALUE)).isEmpty();
  }
}
