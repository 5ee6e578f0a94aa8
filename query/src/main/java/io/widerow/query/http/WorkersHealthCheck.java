package io.widerow.query.http;

import com.codahale.metrics.health.HealthCheck;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Unhealthy when requests wait for the query workers and none has finished a request for a minute:
 * stuck workers, not a busy pool (a busy pool answers 503 and stays healthy).
 */
final class WorkersHealthCheck extends HealthCheck {

  private static final long STUCK_NANOS = TimeUnit.MINUTES.toNanos(1);

  private final ThreadPoolExecutor workers;
  private long lastCompleted = -1;
  private long lastProgress = System.nanoTime();

  WorkersHealthCheck(ThreadPoolExecutor workers) {
    this.workers = workers;
  }

  @Override
  protected synchronized Result check() {
    long completed = workers.getCompletedTaskCount();
    long now = System.nanoTime();
    int queued = workers.getQueue().size();
    if (completed != lastCompleted || queued == 0) {
      lastCompleted = completed;
      lastProgress = now;
    }
    String state =
        workers.getActiveCount() + " busy, " + queued + " queued, " + completed + " done";
    if (workers.isShutdown()) {
      return Result.unhealthy("query workers stopped");
    }
    return now - lastProgress > STUCK_NANOS
        ? Result.unhealthy("no query finished for a minute with requests waiting: " + state)
        : Result.healthy(state);
  }
}
