package io.widerow.ops;

/** An operation refused or stopped for a reason the operator can act on; the message says how. */
public final class OpsException extends RuntimeException {

  public OpsException(String message) {
    super(message);
  }
}
