package io.widerow.core.lease;

import java.time.Duration;

/**
 * How long a lease lives unrenewed ({@code ttl}), how often its owner renews it, and how much
 * earlier than a contender could take it over the owner stops trusting it ({@code margin}).
 */
public record LeaseSettings(Duration ttl, Duration renewEvery, Duration margin) {

  /** Ten seconds, renewed every three, trusted for seven after each renewal was sent. */
  public static final LeaseSettings DEFAULT =
      new LeaseSettings(Duration.ofSeconds(10), Duration.ofSeconds(3), Duration.ofSeconds(3));

  public LeaseSettings {
    if (margin.compareTo(ttl) >= 0 || renewEvery.compareTo(ttl.minus(margin)) >= 0) {
      throw new IllegalArgumentException(
          "lease: renewEvery ("
              + renewEvery
              + ") must be shorter than ttl ("
              + ttl
              + ") minus margin ("
              + margin
              + "), or the owner loses it between two renewals");
    }
  }

  /** How long after a renewal was sent its owner may still write. */
  Duration trusted() {
    return ttl.minus(margin);
  }
}
