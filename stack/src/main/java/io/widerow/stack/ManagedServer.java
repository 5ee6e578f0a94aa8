package io.widerow.stack;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.OptionalLong;

/** One server of the local stack, run as a child process with its files under one directory. */
public interface ManagedServer {

  String name();

  /** Where clients connect, e.g. {@code 127.0.0.1:29092}. */
  String address();

  /** The pid of this server if its pid file names a live process that is this server. */
  OptionalLong runningPid();

  /** A quick check that the running server answers requests. */
  boolean isHealthy();

  /**
   * Starts the server, or reuses it if it already runs, and waits until it is ready.
   *
   * @param readyTimeout how long it may take to become ready once launched
   */
  StartResult start(Duration readyTimeout) throws Exception;

  /**
   * Stops the server: SIGTERM for a clean shutdown, SIGKILL after {@code grace}.
   *
   * @return what was stopped, or an empty result if it was not running
   */
  StopResult stop(Duration grace) throws InterruptedException;

  /** Logs that explain a failed start, most telling first. */
  List<Path> logFiles();

  /** A string only this server's processes have on their command line. */
  String processMarker();
}
