package io.widerow.core.service;

import java.util.Optional;

/** A long-running service that {@code io.widerow.runtime.ServiceMain} starts, watches and stops. */
public interface ManagedService {

  /** Opens clients and starts work; returns once running. */
  void start() throws Exception;

  /** Blocks until the service has stopped; rethrows the failure that stopped it, if any. */
  void awaitStop() throws Exception;

  /**
   * The failure that stopped the service, once it has; empty while it runs or after a clean stop.
   */
  default Optional<Throwable> failure() {
    return Optional.empty();
  }

  /** Asks the service to stop and waits until it has; safe to call more than once. */
  void stop();
}
