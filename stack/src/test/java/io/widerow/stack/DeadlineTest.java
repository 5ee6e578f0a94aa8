package io.widerow.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class DeadlineTest {

  @Test
  void returnsAsSoonAsTheConditionHolds() throws Exception {
    AtomicInteger polls = new AtomicInteger();
    Deadline.after(Duration.ofSeconds(10))
        .await("third poll", Duration.ofMillis(1), () -> {}, () -> polls.incrementAndGet() == 3);
    assertThat(polls).hasValue(3);
  }

  @Test
  void timeoutNamesTheWaitAndTheLastFailure() {
    assertThatThrownBy(
            () ->
                Deadline.after(Duration.ofMillis(50))
                    .await(
                        "server ready",
                        Duration.ofMillis(5),
                        () -> {},
                        () -> {
                          throw new IOException("connection refused");
                        }))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("server ready")
        .hasMessageContaining("connection refused");
  }

  @Test
  void guardAbandonsTheWaitAtOnce() {
    assertThatThrownBy(
            () ->
                Deadline.after(Duration.ofMinutes(5))
                    .await(
                        "never",
                        Duration.ofSeconds(1),
                        () -> {
                          throw new IllegalStateException("process exited");
                        },
                        () -> false))
        .hasMessage("process exited");
  }
}
