package io.widerow.core.service;

/** Process exit codes of every widerow service, distinct per kind of failure. */
public enum ExitCode {
  OK(0),
  RUNTIME_FAILURE(1),
  BAD_CONFIG(2),
  FATAL(3);

  private final int code;

  ExitCode(int code) {
    this.code = code;
  }

  public int code() {
    return code;
  }
}
