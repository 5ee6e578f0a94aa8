package io.widerow.core.retry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.codahale.metrics.Counter;
import io.widerow.core.pipeline.PipelineConfigException;
import io.widerow.core.service.FatalException;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class RetrierTest {

  private static final RetrySettings FAST =
      new RetrySettings(Duration.ofMillis(1), Duration.ofMillis(5), Duration.ofSeconds(2), 0.5);

  @Test
  void transientFailuresAreRetriedAndCounted() throws Exception {
    Counter retries = new Counter();
    AtomicInteger calls = new AtomicInteger();

    String result =
        new Retrier("test", FAST, retries)
            .call(
                "write batch",
                () -> {
                  if (calls.incrementAndGet() < 3) {
                    throw new IOException("server down");
                  }
                  return "ok";
                });

    assertThat(result).isEqualTo("ok");
    assertThat(calls).hasValue(3);
    assertThat(retries.getCount()).isEqualTo(2);
  }

  @Test
  void fatalFailureIsThrownAtOnce() {
    Counter retries = new Counter();
    AtomicInteger calls = new AtomicInteger();

    assertThatThrownBy(
            () ->
                new Retrier("test", FAST, retries)
                    .run(
                        "connect",
                        () -> {
                          calls.incrementAndGet();
                          throw new FatalException("access denied for user");
                        }))
        .isInstanceOf(FatalException.class)
        .hasMessage("access denied for user");
    assertThat(calls).hasValue(1);
    assertThat(retries.getCount()).isZero();
  }

  @Test
  void unreadableSecretIsThrownAtOnceAsTheConfigurationErrorItIs() {
    Counter retries = new Counter();
    AtomicInteger calls = new AtomicInteger();
    PipelineConfigException unreadable =
        new PipelineConfigException(
            "pipeline file",
            java.util.List.of(
                "kafka.security.sasl.passwordEnv: environment variable 'PW' is not set"));
    // Even a retrier that would call anything transient, or fatal, leaves it as it is (exit 2).
    Retrier retrier = new Retrier("test", FAST, retries, t -> true).fatalWhen(t -> true);

    assertThatThrownBy(
            () ->
                retrier.run(
                    "open producer",
                    () -> {
                      calls.incrementAndGet();
                      throw unreadable;
                    }))
        .isSameAs(unreadable);
    assertThat(calls).hasValue(1);
    assertThat(retries.getCount()).isZero();
  }

  @Test
  void failureRecognisedAsFatalStopsAtOnceAsAFatalExceptionNamingWhere() {
    Counter retries = new Counter();
    AtomicInteger calls = new AtomicInteger();
    Retrier retrier =
        new Retrier("test", FAST, retries)
            .fatalWhen(t -> String.valueOf(t.getMessage()).contains("denied"));

    assertThatThrownBy(
            () ->
                retrier.run(
                    "put batch of 3",
                    () -> {
                      calls.incrementAndGet();
                      throw new IOException("access denied");
                    }))
        .isInstanceOf(FatalException.class)
        .hasMessage("test: put batch of 3 refused: IOException: access denied")
        .hasCauseInstanceOf(IOException.class);
    assertThat(calls).hasValue(1);
    assertThat(retries.getCount()).isZero();
  }

  @Test
  void givesUpAfterTheTimeLimitWithTheLastFailure() {
    RetrySettings shortLimit =
        new RetrySettings(Duration.ofMillis(5), Duration.ofMillis(10), Duration.ofMillis(100), 0);

    assertThatThrownBy(
            () ->
                new Retrier("test", shortLimit, new Counter())
                    .run(
                        "flush",
                        () -> {
                          throw new IOException("still down");
                        }))
        .isInstanceOf(IOException.class)
        .hasMessage("still down");
  }

  @Test
  void serviceRetrierStopsAtOnceOnWhatAnyOfItsSystemsCallsFatal() {
    AtomicInteger calls = new AtomicInteger();
    Retrier retrier =
        Retrier.forService(
            "test",
            new Counter(),
            t -> t.getMessage().contains("kafka: not authorized"),
            t -> t.getMessage().contains("hbase: table missing"));

    assertThatThrownBy(
            () ->
                retrier.run(
                    "bump",
                    () -> {
                      calls.incrementAndGet();
                      throw new IOException("hbase: table missing");
                    }))
        .isInstanceOf(FatalException.class)
        .hasMessageContaining("test: bump refused");
    assertThat(calls).hasValue(1);
  }
}
