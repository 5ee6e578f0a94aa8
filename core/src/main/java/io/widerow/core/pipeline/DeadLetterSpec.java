package io.widerow.core.pipeline;

/**
 * How many records a service may set aside before it stops instead.
 *
 * @param maxPerMinute most dead letters one service sends within any minute
 */
public record DeadLetterSpec(int maxPerMinute) {

  /** The default of {@code deadLetters.maxPerMinute}. */
  public static final int DEFAULT_MAX_PER_MINUTE = 100;

  public static final DeadLetterSpec DEFAULT = new DeadLetterSpec(DEFAULT_MAX_PER_MINUTE);

  public DeadLetterSpec {
    if (maxPerMinute < 1) {
      throw new IllegalArgumentException("maxPerMinute must be at least 1: " + maxPerMinute);
    }
  }
}
