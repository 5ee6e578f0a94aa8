package io.widerow.bench;

import io.widerow.workload.DemoSchema;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
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

  private final DemoSchema schema;
  private final long firstProbeOrder;
  private final MarkerIndex index;
  private final long intervalMillis;
  private final Connection db;
  private final LagLog log = new LagLog();
  private final List<Deque<long[]>> pending = new ArrayList<>(); // per order: {seq, commitNanos}
  private final List<String> orderIds = new ArrayList<>();
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
      throws SQLException {
    this.schema = schema;
    this.firstProbeOrder = firstProbeOrder;
    this.index = index;
    this.intervalMillis = intervalMillis;
    this.db = DriverManager.getConnection(jdbcUrl, user, password);
    for (int i = 0; i < PROBE_ORDERS; i++) {
      orderIds.add(DemoSchema.orderId(firstProbeOrder + i));
      pending.add(new ArrayDeque<>());
    }
  }

  /** Inserts the probe orders (seq 0); done with the backfill, before the pipeline starts. */
  void createOrders() throws SQLException {
    try (Statement st = db.createStatement()) {
      for (int i = 0; i < PROBE_ORDERS; i++) {
        st.executeUpdate(
            "INSERT INTO "
                + schema.shardedTable(firstProbeOrder + i, "orders")
                + " (order_id, user_id, status, total, currency, created_at, updated_at, version)"
                + " VALUES ('"
                + orderIds.get(i)
                + "', 0, 'PROBE', 0, 'EUR', NOW(3), NOW(3), 1)");
      }
    }
  }

  void start() throws SQLException {
    db.setAutoCommit(false);
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
        try (PreparedStatement st =
            db.prepareStatement(
                "UPDATE "
                    + schema.shardedTable(firstProbeOrder + i, "orders")
                    + " SET user_id = ?, updated_at = NOW(3), version = version + 1"
                    + " WHERE order_id = ?")) {
          st.setLong(1, seq);
          st.setString(2, orderIds.get(i));
          st.executeUpdate();
        }
        db.commit();
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
    db.close();
  }
}
