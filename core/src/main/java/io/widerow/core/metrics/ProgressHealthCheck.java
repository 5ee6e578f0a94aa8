package io.widerow.core.metrics;

import com.codahale.metrics.health.HealthCheck;
import java.time.Clock;
import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * Healthy while the stage makes progress or has nothing to do; unhealthy when work is waiting and
 * nothing has moved for longer than {@code stall}. A live thread proves nothing; progress does.
 */
public final class ProgressHealthCheck extends HealthCheck {

  /** How long work may wait with nothing moving before a service's stage is unhealthy. */
  public static final Duration DEFAULT_STALL = Duration.ofSeconds(60);

  private final StageMetrics stage;
  private final LongSupplier waiting;
  private final Duration stall;
  private final Clock clock;

  /**
   * @param waiting how much work is waiting for this stage (consumer lag, queued events); a
   *     negative value means unknown and counts as waiting
   */
  public ProgressHealthCheck(
      StageMetrics stage, LongSupplier waiting, Duration stall, Clock clock) {
    this.stage = stage;
    this.waiting = waiting;
    this.stall = stall;
    this.clock = clock;
  }

  public ProgressHealthCheck(StageMetrics stage, LongSupplier waiting, Duration stall) {
    this(stage, waiting, stall, Clock.systemUTC());
  }

  @Override
  protected Result check() {
    long idleMs = clock.millis() - stage.lastProgressMs();
    long backlog = waiting.getAsLong();
    if (backlog != 0 && idleMs > stall.toMillis()) {
      return Result.unhealthy(
          "no progress for %d ms while %s records wait", idleMs, backlog < 0 ? "unknown" : backlog);
    }
    return Result.healthy("waiting=%d, last progress %d ms ago", backlog, idleMs);
  }
}
