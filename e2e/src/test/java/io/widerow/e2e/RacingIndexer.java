package io.widerow.e2e;

import com.codahale.metrics.Counter;
import io.widerow.core.document.BuildOutcome;
import io.widerow.core.document.DocumentBuilder;
import io.widerow.core.document.IndexAction;
import io.widerow.core.pipeline.Pipeline;
import io.widerow.core.retry.RetrySettings;
import io.widerow.core.row.WideRow;
import io.widerow.core.row.WideRowStore;
import io.widerow.core.rowkey.RowKeyCodec;
import io.widerow.e2e.disorder.SourceHistory;
import io.widerow.hbase.HBaseWideRowStore;
import io.widerow.indexer.BulkOutcome;
import io.widerow.indexer.elasticsearch.ElasticsearchDocumentIndex;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

/**
 * A second indexer racing the pipeline's own on the same keys: it does what the indexer does for a
 * key (one Get of row and {@code m:v}, build, bulk with the external version) at random moments,
 * and holds back some of what it built to send it much later, after the pipeline went idle and past
 * the index's {@code gc_deletes}. Only the external version keeps the newest document in place.
 */
final class RacingIndexer implements AutoCloseable {

  /** What the race did: documents sent in time, stale ones sent late, and how the late settled. */
  record Tally(int sent, int late, int lateApplied) {}

  private final WideRowStore store;
  private final ElasticsearchDocumentIndex index;
  private final DocumentBuilder builder;
  private final List<IndexAction> held = new ArrayList<>();
  private final AtomicReference<Throwable> failure = new AtomicReference<>();
  private volatile boolean running;
  private Thread thread;
  private int sent;

  RacingIndexer(Pipeline pipeline) throws Exception {
    this.store = HBaseWideRowStore.open(pipeline.hbase());
    this.index =
        ElasticsearchDocumentIndex.open(
            pipeline.elasticsearch(), RetrySettings.DEFAULT, new Counter());
    this.builder = new DocumentBuilder(pipeline, RowKeyCodec.of(pipeline.hbase())::decode);
  }

  /**
   * Starts racing on {@code rowkeys}; the seed picks the keys, what is held back and the pauses,
   * but how those interleave with the pipeline's own threads is the scheduler's.
   */
  void start(List<String> rowkeys, long seed) {
    Random random = SourceHistory.randomFor(seed, SourceHistory.Purpose.RACE);
    running = true;
    thread =
        new Thread(
            () -> {
              try {
                while (running) {
                  race(rowkeys, random);
                  // Paced so the pipeline under test keeps most of the two cores.
                  LockSupport.parkNanos(Duration.ofMillis(20 + random.nextInt(40)).toNanos());
                }
              } catch (Throwable t) {
                failure.compareAndSet(null, t);
              }
            },
            "racing-indexer");
    thread.start();
  }

  private void race(List<String> rowkeys, Random random) throws Exception {
    List<String> picked = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      picked.add(rowkeys.get(random.nextInt(rowkeys.size())));
    }
    List<IndexAction> now = new ArrayList<>();
    for (WideRow row : store.read(picked.stream().distinct().toList())) {
      if (row.version() == 0 || !(builder.build(row) instanceof BuildOutcome.Ready ready)) {
        continue; // as the indexer does: unversioned rows are skipped, rejects are not ours
      }
      if (random.nextBoolean()) {
        now.add(ready.action());
      } else {
        synchronized (held) {
          held.add(ready.action());
        }
      }
    }
    index.write(now);
    sent += now.size();
  }

  /** Stops racing; rethrows what went wrong while racing. */
  void stop() throws Exception {
    running = false;
    if (thread != null) {
      thread.join();
    }
    if (failure.get() != null) {
      throw new IllegalStateException("racing indexer failed", failure.get());
    }
  }

  /**
   * Sends what was held back, oldest first. Each was true when read; those older than the index's
   * document must be refused (409), and the check that follows proves none regressed a document.
   */
  Tally sendHeld() throws Exception {
    List<IndexAction> late;
    synchronized (held) {
      late = List.copyOf(held);
      held.clear();
    }
    BulkOutcome outcome = index.write(late);
    return new Tally(sent, late.size(), outcome.indexed() + outcome.deleted());
  }

  @Override
  public void close() throws Exception {
    try (AutoCloseable s = store;
        AutoCloseable i = index) {
      running = false;
    }
  }
}
