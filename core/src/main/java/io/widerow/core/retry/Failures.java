package io.widerow.core.retry;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.io.UncheckedIOException;

/**
 * Tells a failure that will recur on every attempt with the same input (a record's problem, or a
 * bug its content triggers) from one a server causes. Retrying the first only stalls the partition
 * for the retry budget and then restarts into the same record, forever; so it is not retried: the
 * stage sets the record aside instead.
 */
public final class Failures {

  private Failures() {}

  /**
   * Whether {@code t} or a cause of it is an argument, state-free programming or decoding error:
   * {@link IllegalArgumentException} (HBase's refusal of a rowkey over 32 KB, a number that does
   * not parse), {@link NullPointerException}, {@link ClassCastException}, {@link
   * ArithmeticException}, {@link IndexOutOfBoundsException}, {@link UnsupportedOperationException}
   * or a JSON document that does not parse. {@link IllegalStateException} is not: clients throw it
   * while they are being closed.
   */
  public static boolean isDeterministic(Throwable t) {
    return Causes.anyMatch(
        t,
        c ->
            c instanceof IllegalArgumentException
                || c instanceof NullPointerException
                || c instanceof ClassCastException
                || c instanceof ArithmeticException
                || c instanceof IndexOutOfBoundsException
                || c instanceof UnsupportedOperationException
                || (c instanceof UncheckedIOException u
                    && u.getCause() instanceof JsonProcessingException)
                || c instanceof JsonProcessingException);
  }

  /** {@code Type: message} of the failure, for a dead letter's reason and the log. */
  public static String describe(Throwable t) {
    return t == null ? "no exception" : t.getClass().getSimpleName() + ": " + t.getMessage();
  }
}
