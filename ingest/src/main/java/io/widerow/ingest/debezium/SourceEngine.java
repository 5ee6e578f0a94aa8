package io.widerow.ingest.debezium;

import io.debezium.embedded.Connect;
import io.debezium.engine.DebeziumEngine;
import io.debezium.engine.RecordChangeEvent;
import io.debezium.engine.format.ChangeEventFormat;
import io.widerow.core.pipeline.Pipeline;
import io.widerow.core.pipeline.Source;
import io.widerow.ingest.IngestMetrics;
import io.widerow.ingest.WideRowWriter;
import java.io.IOException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.connect.source.SourceRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** One Debezium embedded engine reading one source, on a thread of its own. */
public final class SourceEngine implements AutoCloseable {

  /** Told once when the engine has ended: with the error that ended it, or null. */
  @FunctionalInterface
  public interface Listener {
    void ended(String source, Throwable error);
  }

  private static final Logger LOG = LoggerFactory.getLogger(SourceEngine.class);
  private static final long CLOSE_TIMEOUT_SECONDS = 60;

  private final Pipeline pipeline;
  private final Source spec;
  private final String source;
  private final Listener listener;
  private final DebeziumEngine<RecordChangeEvent<SourceRecord>> engine;
  private final ExecutorService thread;
  private final AtomicBoolean running = new AtomicBoolean();
  private final AtomicBoolean reported = new AtomicBoolean();

  private SourceEngine(
      Pipeline pipeline,
      Source source,
      String password,
      boolean signals,
      WideRowWriter writer,
      IngestMetrics metrics,
      Listener listener) {
    this.pipeline = pipeline;
    this.spec = source;
    this.source = source.name();
    this.listener = listener;
    BatchConsumer consumer =
        new BatchConsumer(
            new RecordConverter(source.name()),
            writer,
            metrics,
            source.snapshotKeyLimit(),
            this::report);
    this.engine =
        DebeziumEngine.create(ChangeEventFormat.of(Connect.class))
            .using(EngineProperties.of(pipeline, source, password, signals))
            .using(this::completed)
            .notifying(consumer)
            .build();
    this.thread = Executors.newSingleThreadExecutor(r -> new Thread(r, "ingest-" + this.source));
  }

  /**
   * @param signals whether the source's signal table is usable: the engine then takes incremental
   *     snapshots asked for through it
   */
  public static SourceEngine create(
      Pipeline pipeline,
      Source source,
      String password,
      boolean signals,
      WideRowWriter writer,
      IngestMetrics metrics,
      Listener listener) {
    return new SourceEngine(pipeline, source, password, signals, writer, metrics, listener);
  }

  public void start() {
    running.set(true);
    thread.execute(engine);
    LOG.info("{}: engine started", source);
  }

  /** True from start until the engine ended, for whatever reason. */
  public boolean isRunning() {
    return running.get();
  }

  public String source() {
    return source;
  }

  private void completed(boolean success, String message, Throwable error) {
    running.set(false);
    if (success && error == null) {
      LOG.info("{}: engine ended: {}", source, message);
      report(null);
    } else {
      LOG.error("{}: engine failed: {}", source, message, error);
      Throwable cause = error != null ? error : new IllegalStateException(source + ": " + message);
      // Sorted here, once: a fatal cause makes the service exit with ExitCode.FATAL.
      report(SourceFailures.classify(pipeline, spec, message, cause));
    }
  }

  private void report(Throwable error) {
    if (reported.compareAndSet(false, true)) {
      listener.ended(source, error);
    }
  }

  /** Stops the engine; it commits the offsets of the batches already marked processed. */
  @Override
  public void close() throws IOException, InterruptedException {
    engine.close();
    thread.shutdown();
    if (!thread.awaitTermination(CLOSE_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
      LOG.warn(
          "{}: engine thread still busy after {} s; interrupting", source, CLOSE_TIMEOUT_SECONDS);
      thread.shutdownNow();
    }
  }
}
