package io.widerow.stack;

import java.time.Duration;
import java.util.OptionalLong;

/**
 * How one server went down.
 *
 * @param pid empty if it was not running
 * @param killed true if it ignored SIGTERM for the grace period and got SIGKILL
 */
public record StopResult(String server, OptionalLong pid, Duration took, boolean killed) {

  public static StopResult notRunning(String server) {
    return new StopResult(server, OptionalLong.empty(), Duration.ZERO, false);
  }
}
