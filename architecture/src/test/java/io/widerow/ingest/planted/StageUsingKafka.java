package io.widerow.ingest.planted;

import org.apache.kafka.clients.producer.Producer;

/** Planted violation: an ingest stage that holds a Kafka producer itself. */
public final class StageUsingKafka {

  private final Producer<byte[], byte[]> producer;

  public StageUsingKafka(Producer<byte[], byte[]> producer) {
    this.producer = producer;
  }

  public void flush() {
    producer.flush();
  }
}
