package io.widerow.runtime.planted;

import org.apache.kafka.common.errors.WakeupException;

/** Planted violation: the runtime (wiring) raising a Kafka exception itself. */
public final class LifecycleUsingKafka {

  public RuntimeException stopSignal() {
    return new WakeupException();
  }
}
