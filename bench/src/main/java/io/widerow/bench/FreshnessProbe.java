package io.widerow.bench;

import io.widerow.bench.jdbc.ProbeOrders;
import io.widerow.workload.DemoSchema;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Measures the lag from source commit to searchable, independent of {@code source.ts_ms} (one
 * second resolution): a writer commits a marker every {@code interval} — {@code user_id = seq} on
 * one of a few probe orders, round-robin, with the version bumped — and notes the time commit()
 * returned; a poller searches the probe orders every {@link #POLL_MILLIS} ms and a marker counts as
 * searchable at the first poll whose hit shows that seq or a later one on its order. Lag is then
 * accurate to the poll period. Both threads use this JVM's monotonic clock.
 */
final class FreshnessProbe implements AutoCloseable {

  static final int PROBE_ORDERS = 20;
  static final long POLL_MILLIS = 50;

  /** Where the probe's markers become visible: the highest seq searchable per probe order. */
  interface MarkerIndex {
    Map<String, Long> searchableMarkers(List<String> orderIds) throws Exception;
  }

  private final MarkerIndex index;
  private final long intervalMillis;
  private final ProbeOrders orders;
  private final LagLog log = new LagLog();
  private final List<Deque<long[]>> pending = new ArrayList<>(); // per order: {seq, commitNanos}
  private final List<String> orderIds;
  private volatile boolean running;
  private volatile Exception failure;
  private Thread writer;
  private Thread poller;

  FreshnessProbe(
      DemoSchema schema,
      String jdbcUrl,
      String user,
      String password,
      long firstProbeOrder,
      MarkerIndex index,
      long intervalMillis)
      throws Exception {
    this.index = index;
    this.intervalMillis = intervalMillis;
    this.orders = new ProbeOrders(schema, jdbcUrl, user, password, firstProbeOrder, PROBE_ORDERS);
    this.orderIds = orders.orderIds();
    for (int i = 0; i < PROBE_ORDERS; i++) {
      pending.add(new ArrayDeque<>());
    }
  }

  /** Inserts the probe orders (seq 0); done with the backfill, before the pipeline starts. */
  void createOrders() throws Exception {
    orders.create();
  }

  void start() throws Exception {
    orders.startMarkers();
    running = true;
    writer = new Thread(this::writeMarkers, "bench-probe-writer");
    poller = new Thread(this::pollIndex, "bench-probe-poller");
    writer.setDaemon(true);
    poller.setDaemon(true);
    writer.start();
    poller.start();
  }

  LagLog log() {
    return log;
  }

  Exception failure() {
    return failure;
  }

  private void writeMarkers() {
    long seq = 0;
    long next = System.nanoTime();
    try {
      while (running) {
        seq++;
        int i = (int) (seq % PROBE_ORDERS);
        orders.writeMarker(i, seq);
        long committed = System.nanoTime();
        synchronized (pending) {
          pending.get(i).add(new long[] {seq, committed});
        }
        log.committed(seq, committed);
        next += TimeUnit.MILLISECONDS.toNanos(intervalMillis);
        long sleep = next - System.nanoTime();
        if (sleep > 0) {
          TimeUnit.NANOSECONDS.sleep(sleep);
        } else {
          next = System.nanoTime(); // fell behind (a slow commit): no burst to catch up
        }
      }
    } catch (Exception e) {
      fail(e);
    }
  }

  private void pollIndex() {
    try {
      while (running) {
        resolve(index.searchableMarkers(orderIds), System.nanoTime());
        TimeUnit.MILLISECONDS.sleep(POLL_MILLIS);
      }
    } catch (Exception e) {
      fail(e);
    }
  }

  /** Marks searchable every pending marker at or below the seq a probe order shows. */
  private void resolve(Map<String, Long> visible, long now) {
    synchronized (pending) {
      for (int i = 0; i < PROBE_ORDERS; i++) {
        long seen = visible.getOrDefault(orderIds.get(i), 0L);
        Deque<long[]> q = pending.get(i);
        while (!q.isEmpty() && q.peekFirst()[0] <= seen) {
          log.searchable(q.pollFirst()[0], now);
        }
      }
    }
  }

  private void fail(Exception e) {
    if (running && failure == null) {
      failure = e;
    }
  }

  /** Stops writing markers; keeps polling until what was written is seen or {@code wait} ends. */
  void stopWriting(long waitMillis) throws InterruptedException {
    running = false;
    writer.join(10_000);
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(waitMillis);
    while (System.nanoTime() < deadline && log.unresolved() > 0) {
      try {
        resolve(index.searchableMarkers(orderIds), System.nanoTime());
      } catch (Exception e) {
        break; // what stays unresolved is reported as such
      }
      TimeUnit.MILLISECONDS.sleep(POLL_MILLIS);
    }
  }

  @Override
  public void close() throws Exception {
    running = false;
    if (poller != null) {
      poller.join(5_000);
    }
    orders.close();
  }
}
