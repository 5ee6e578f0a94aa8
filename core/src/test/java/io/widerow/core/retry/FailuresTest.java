package io.widerow.core.retry;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import org.junit.jupiter.api.Test;

class FailuresTest {

  @Test
  void failuresTheInputCausesAreDeterministicAlsoWhenWrapped() {
    assertThat(Failures.isDeterministic(new IllegalArgumentException("Row length 40000"))).isTrue();
    assertThat(Failures.isDeterministic(new IOException(new NullPointerException()))).isTrue();
    assertThat(
            Failures.isDeterministic(
                new UncheckedIOException(
                    new com.fasterxml.jackson.core.JsonParseException(null, "bad"))))
        .isTrue();
  }

  @Test
  void failuresOfServersAndOfClosingClientsAreNot() {
    assertThat(Failures.isDeterministic(new IOException("connection reset"))).isFalse();
    assertThat(Failures.isDeterministic(new IllegalStateException("producer closed"))).isFalse();
    assertThat(Failures.isDeterministic(new UncheckedIOException(new IOException("reset"))))
        .isFalse();
  }

  @Test
  void aServiceRetrierDoesNotRetryWhatTheInputCauses() {
    com.codahale.metrics.Counter retries = new com.codahale.metrics.Counter();
    Retrier retrier = Retrier.forService("merger", retries);
    int[] attempts = {0};

    org.assertj.core.api.Assertions.assertThatThrownBy(
            () ->
                retrier.run(
                    "bump",
                    () -> {
                      attempts[0]++;
                      throw new IllegalArgumentException("Row length 40000 is > 32767");
                    }))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(attempts[0]).isEqualTo(1);
    assertThat(retries.getCount()).isZero();
  }
}
