package io.widerow.core.service;

/**
 * A failure no retry can mend (bad credentials, a missing source table, a binlog position the
 * server no longer has): the service stops with {@link ExitCode#FATAL} and this message.
 */
public class FatalException extends RuntimeException {

  public FatalException(String message) {
    super(message);
  }

  public FatalException(String message, Throwable cause) {
    super(message, cause);
  }
}
