package io.widerow.core.planted;

import io.widerow.kafka.KafkaErrors;

/** Planted violation: core calling into the Kafka adapter module. */
public final class CoreUsingAdapter {

  public boolean fatal(Throwable t) {
    return KafkaErrors.isFatal(t);
  }
}
