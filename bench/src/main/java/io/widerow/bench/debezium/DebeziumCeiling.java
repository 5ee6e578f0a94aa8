package io.widerow.bench.debezium;

import io.debezium.data.Envelope;
import io.debezium.embedded.Connect;
import io.debezium.engine.DebeziumEngine;
import io.debezium.engine.RecordChangeEvent;
import io.debezium.engine.format.ChangeEventFormat;
import io.widerow.core.pipeline.Pipeline;
import io.widerow.ingest.debezium.EngineProperties;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongConsumer;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.source.SourceRecord;

/**
 * Debezium alone: an embedded engine with ingest's own properties (another name, offsets and
 * replication client id) whose consumer only counts row events and marks them processed. Started
 * once to snapshot the backfill, stopped, and started again after the measured run to read that
 * run's binlog from where the snapshot ended: the same rows and the same binlog as the pipeline.
 */
public final class DebeziumCeiling {

  /** Events counted between the first and the last one. */
  public record Rate(long events, double seconds) {
    public double perSecond() {
      return seconds <= 0 ? 0 : events / seconds;
    }
  }

  private final Pipeline pipeline;
  private final String password;
  private final AtomicLong events = new AtomicLong();
  private final AtomicLong firstNanos = new AtomicLong();
  private final AtomicLong lastNanos = new AtomicLong();
  private final AtomicLong firstBatch = new AtomicLong();
  private final AtomicReference<Throwable> failure = new AtomicReference<>();

  /**
   * @param pipeline a renamed copy of the measured pipeline (its own offsets and server id)
   */
  public DebeziumCeiling(Pipeline pipeline, String password) {
    this.pipeline = pipeline;
    this.password = password;
  }

  /** Reads the initial snapshot until {@code rows} row events arrived; stops with offsets kept. */
  public Rate snapshot(long rows, Duration timeout, LongConsumer progress) throws Exception {
    return run(rows, timeout, Duration.ofDays(1), progress);
  }

  /**
   * Resumes after the snapshot and reads the binlog until {@code changes} row events arrived or
   * none came for {@code idle}.
   */
  public Rate stream(long changes, Duration timeout, Duration idle, LongConsumer progress)
      throws Exception {
    return run(changes, timeout, idle, progress);
  }

  private Rate run(long expected, Duration timeout, Duration idle, LongConsumer progress)
      throws Exception {
    events.set(0);
    firstNanos.set(0);
    lastNanos.set(0);
    firstBatch.set(0);
    ExecutorService thread = Executors.newSingleThreadExecutor(r -> new Thread(r, "bench-dbz"));
    DebeziumEngine<RecordChangeEvent<SourceRecord>> engine =
        DebeziumEngine.create(ChangeEventFormat.of(Connect.class))
            .using(EngineProperties.of(pipeline, pipeline.sources().get(0), password))
            .using((ok, message, error) -> failIf(ok, message, error))
            .notifying(this::count)
            .build();
    try {
      thread.execute(engine);
      long deadline = System.nanoTime() + timeout.toNanos();
      while (events.get() < expected && System.nanoTime() < deadline) {
        TimeUnit.MILLISECONDS.sleep(200);
        progress.accept(events.get());
        if (failure.get() != null) {
          throw new IllegalStateException("Debezium ceiling engine failed", failure.get());
        }
        long last = lastNanos.get();
        if (last != 0 && System.nanoTime() - last > idle.toNanos()) {
          break;
        }
      }
    } finally {
      engine.close(); // commits the offsets of what was marked processed
      thread.shutdown();
      thread.awaitTermination(60, TimeUnit.SECONDS);
    }
    // The clock starts when the first batch arrived, so that batch is not part of the rate.
    return new Rate(events.get() - firstBatch.get(), (lastNanos.get() - firstNanos.get()) / 1e9);
  }

  private void count(
      List<RecordChangeEvent<SourceRecord>> records,
      DebeziumEngine.RecordCommitter<RecordChangeEvent<SourceRecord>> committer)
      throws InterruptedException {
    long rows = 0;
    for (RecordChangeEvent<SourceRecord> r : records) {
      if (r.record().value() instanceof Struct value
          && Envelope.isEnvelopeSchema(r.record().valueSchema())
          && value.getString(Envelope.FieldName.OPERATION) != null) {
        rows++;
      }
      committer.markProcessed(r);
    }
    committer.markBatchFinished();
    if (rows > 0) {
      long now = System.nanoTime();
      if (firstNanos.compareAndSet(0, now)) {
        firstBatch.set(rows);
      }
      lastNanos.set(now);
      events.addAndGet(rows);
    }
  }

  private void failIf(boolean ok, String message, Throwable error) {
    if (!ok || error != null) {
      failure.compareAndSet(
          null, error != null ? error : new IllegalStateException("engine ended: " + message));
    }
  }
}
