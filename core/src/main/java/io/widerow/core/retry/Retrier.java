package io.widerow.core.retry;

import com.codahale.metrics.Counter;
import dev.failsafe.Failsafe;
import dev.failsafe.FailsafeException;
import dev.failsafe.RetryPolicy;
import dev.failsafe.function.CheckedRunnable;
import dev.failsafe.function.CheckedSupplier;
import io.widerow.core.pipeline.PipelineConfigException;
import io.widerow.core.service.FatalException;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Retries transient failures of one stage with bounded exponential backoff and jitter, counting
 * each retry and logging where it happened. A {@link FatalException}, a {@link
 * PipelineConfigException} (a secret that cannot be read: exit code 2, never a retry), anything the
 * predicate calls permanent and, for a service's retrier, a failure the input causes ({@link
 * Failures#isDeterministic}) are thrown at once.
 */
public final class Retrier {

  private static final Logger LOG = LoggerFactory.getLogger(Retrier.class);

  private final String stage;
  private final RetrySettings settings;
  private final Counter retries;
  private final Predicate<Throwable> isTransient;
  private final Predicate<Throwable> isFatal;

  public Retrier(String stage, RetrySettings settings, Counter retries) {
    this(stage, settings, retries, t -> true);
  }

  public Retrier(
      String stage, RetrySettings settings, Counter retries, Predicate<Throwable> isTransient) {
    this(stage, settings, retries, isTransient, t -> false);
  }

  private Retrier(
      String stage,
      RetrySettings settings,
      Counter retries,
      Predicate<Throwable> isTransient,
      Predicate<Throwable> isFatal) {
    this.stage = stage;
    this.settings = settings;
    this.retries = retries;
    this.isFatal = isFatal;
    this.isTransient =
        t ->
            !(t instanceof FatalException)
                && !Causes.anyMatch(t, c -> c instanceof PipelineConfigException)
                && !isFatal.test(t)
                && isTransient.test(t);
  }

  /**
   * A service's retrier: the default settings, stopping at once on what any system the service
   * talks to calls fatal (each adapter's {@code …Errors::isFatal}) and on a failure its input
   * causes, which the stage then sets aside as a record error.
   */
  @SafeVarargs
  public static Retrier forService(
      String service, Counter retries, Predicate<Throwable>... fatalPerSystem) {
    Retrier retrier =
        new Retrier(service, RetrySettings.DEFAULT, retries, t -> !Failures.isDeterministic(t));
    for (Predicate<Throwable> isFatal : fatalPerSystem) {
      retrier = retrier.fatalWhen(isFatal);
    }
    return retrier;
  }

  /**
   * The same retrier, which also stops at once, with a {@link FatalException}, on a failure that
   * {@code isFatal} recognises (refused credentials, a missing table: no retry can mend them).
   */
  public Retrier fatalWhen(Predicate<Throwable> isFatal) {
    return new Retrier(stage, settings, retries, isTransient, this.isFatal.or(isFatal));
  }

  /**
   * Calls {@code action} until it succeeds, a failure is not transient, or the time is up; then
   * throws the last failure as it was thrown.
   *
   * @param where what is being done and to what (table, partition, batch), for the log
   */
  public <T> T call(String where, CheckedSupplier<T> action) throws Exception {
    RetryPolicy<T> policy =
        RetryPolicy.<T>builder()
            .handleIf(isTransient::test)
            .withBackoff(settings.initialDelay(), settings.maxDelay())
            .withJitter(settings.jitter())
            .withMaxDuration(settings.maxElapsed())
            .withMaxRetries(-1)
            .onRetry(
                e -> {
                  retries.inc();
                  LOG.warn(
                      "{}: {} failed (attempt {}): {}; retrying",
                      stage,
                      where,
                      e.getAttemptCount(),
                      describe(e.getLastException()));
                })
            .onRetriesExceeded(
                e ->
                    LOG.error(
                        "{}: {} still failing after {} attempts in {} ms; giving up",
                        stage,
                        where,
                        e.getAttemptCount(),
                        e.getElapsedTime().toMillis()))
            .build();
    try {
      return Failsafe.with(policy).get(action);
    } catch (FailsafeException e) {
      if (e.getCause() instanceof Exception cause) {
        throw fatalOr(where, cause);
      }
      throw e;
    } catch (RuntimeException e) {
      throw fatalOr(where, e);
    }
  }

  public void run(String where, CheckedRunnable action) throws Exception {
    call(
        where,
        () -> {
          action.run();
          return null;
        });
  }

  private Exception fatalOr(String where, Exception e) {
    if (e instanceof PipelineConfigException) {
      return e;
    }
    if (!(e instanceof FatalException) && isFatal.test(e)) {
      return new FatalException(stage + ": " + where + " refused: " + describe(e), e);
    }
    return e;
  }

  private static String describe(Throwable t) {
    return t == null ? "no exception" : t.getClass().getSimpleName() + ": " + t.getMessage();
  }
}
