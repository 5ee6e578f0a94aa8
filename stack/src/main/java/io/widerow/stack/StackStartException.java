package io.widerow.stack;

import java.util.Map;

/** One or more servers did not start; the message names each with the tail of its logs. */
public final class StackStartException extends Exception {

  public StackStartException(Map<ManagedServer, Throwable> failures) {
    super(describe(failures));
    failures.values().forEach(this::addSuppressed);
  }

  private static String describe(Map<ManagedServer, Throwable> failures) {
    StringBuilder out = new StringBuilder("the local stack did not start:");
    failures.forEach(
        (server, error) ->
            out.append("\n- ")
                .append(server.name())
                .append(" failed to start: ")
                .append(error.getMessage() == null ? error.toString() : error.getMessage())
                .append(LogTail.describe(server.logFiles(), 25)));
    return out.toString();
  }
}
