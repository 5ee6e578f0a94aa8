package io.widerow.kafka;

import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/** Kafka's {@link MockProducer} as a broker that acknowledges every record, or none. */
public final class MockProducers {

  private MockProducers() {}

  /** Acknowledges each record as it is sent. */
  public static MockProducer<byte[], byte[]> acknowledging() {
    return new MockProducer<>(true, null, new ByteArraySerializer(), new ByteArraySerializer());
  }

  /** Takes every record and, at {@code flush()}, fails each as a broker that never answered. */
  public static MockProducer<byte[], byte[]> neverAcknowledging() {
    return new MockProducer<>(false, null, new ByteArraySerializer(), new ByteArraySerializer()) {
      @Override
      public synchronized void flush() {
        while (errorNext(new TimeoutException("no acknowledgement from the broker"))) {
          // fail the next pending send
        }
      }
    };
  }
}
