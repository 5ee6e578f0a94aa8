package io.widerow.core.retry;

import java.time.Duration;

/**
 * Bounded exponential backoff with jitter.
 *
 * @param maxElapsed give up once this much time has passed since the first attempt
 * @param jitter fraction of each delay chosen at random, 0..1, so that stages restarting together
 *     do not retry in lockstep
 */
public record RetrySettings(
    Duration initialDelay, Duration maxDelay, Duration maxElapsed, double jitter) {

  /** Rides out a server restart of tens of seconds; gives up after five minutes. */
  public static final RetrySettings DEFAULT =
      new RetrySettings(
          Duration.ofMillis(100), Duration.ofSeconds(10), Duration.ofMinutes(5), 0.25);

  public RetrySettings {
    if (initialDelay.isNegative() || initialDelay.isZero()) {
      throw new IllegalArgumentException("initialDelay must be positive");
    }
    if (maxDelay.compareTo(initialDelay) < 0) {
      throw new IllegalArgumentException("maxDelay must be >= initialDelay");
    }
    if (jitter < 0 || jitter > 1) {
      throw new IllegalArgumentException("jitter must be within 0..1");
    }
  }
}
