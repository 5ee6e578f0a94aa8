package io.widerow.stack;

import java.time.Duration;

/** A point in time by which a wait must have succeeded; waits poll a condition until then. */
public final class Deadline {

  /** A condition polled until it holds; an exception counts as "not yet" and is remembered. */
  @FunctionalInterface
  public interface Condition {
    boolean holds() throws Exception;
  }

  /** Checked before each poll: throws to abandon the wait at once (e.g. the process died). */
  @FunctionalInterface
  public interface Guard {
    void check() throws Exception;
  }

  private final long endNanos;
  private final Duration total;

  private Deadline(Duration total) {
    this.total = total;
    this.endNanos = System.nanoTime() + total.toNanos();
  }

  public static Deadline after(Duration timeout) {
    return new Deadline(timeout);
  }

  public Duration remaining() {
    return Duration.ofNanos(Math.max(0, endNanos - System.nanoTime()));
  }

  public boolean expired() {
    return System.nanoTime() >= endNanos;
  }

  /**
   * Polls {@code condition} every {@code interval} until it holds.
   *
   * @throws IllegalStateException naming {@code what} and the last failure when time runs out
   */
  public void await(String what, Duration interval, Guard guard, Condition condition)
      throws Exception {
    Exception last = null;
    while (true) {
      guard.check();
      try {
        if (condition.holds()) {
          return;
        }
      } catch (InterruptedException e) {
        throw e;
      } catch (Exception e) {
        last = e;
      }
      if (expired()) {
        String cause = last == null ? "" : ": last attempt failed with " + last;
        throw new IllegalStateException(
            what + " did not happen within " + total.toSeconds() + " s" + cause, last);
      }
      Thread.sleep(Math.min(interval.toMillis(), Math.max(1, remaining().toMillis())));
    }
  }
}
