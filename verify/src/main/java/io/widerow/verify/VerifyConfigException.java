package io.widerow.verify;

/**
 * The pipeline file does not fit what the servers hold (a column, a table, a password variable
 * missing): the run cannot start, and the message names the key, the value and what was expected.
 */
public final class VerifyConfigException extends RuntimeException {
  public VerifyConfigException(String message) {
    super(message);
  }
}
