package io.widerow.core.retry;

import java.util.function.Predicate;

/** Looks through an exception's cause chain, which clients wrap several layers deep. */
public final class Causes {

  private Causes() {}

  public static boolean anyMatch(Throwable t, Predicate<Throwable> test) {
    for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
      if (test.test(c)) {
        return true;
      }
    }
    return false;
  }
}
