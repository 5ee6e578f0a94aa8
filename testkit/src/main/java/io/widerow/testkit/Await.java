package io.widerow.testkit;

import java.time.Duration;
import java.util.concurrent.locks.LockSupport;

/** Polls a condition until it holds or a deadline passes; never a blind sleep. */
public final class Await {

  /** A condition that may need I/O to be judged. */
  public interface Condition {
    boolean holds() throws Exception;
  }

  private Await() {}

  public static void until(Condition condition, String what, Duration deadline) throws Exception {
    if (!tryUntil(condition, deadline)) {
      throw new AssertionError("not within " + deadline.toSeconds() + " s: " + what);
    }
  }

  /** Whether the condition came to hold before the deadline. */
  public static boolean tryUntil(Condition condition, Duration deadline) throws Exception {
    long end = System.nanoTime() + deadline.toNanos();
    while (!condition.holds()) {
      if (System.nanoTime() > end) {
        return false;
      }
      LockSupport.parkNanos(Duration.ofMillis(100).toNanos());
    }
    return true;
  }
}
