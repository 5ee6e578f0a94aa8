package io.widerow.workload.reference;

import com.google.common.util.concurrent.RateLimiter;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * The reference workload's writers (issue 16): a few threads, each owning a share of the orders,
 * run the {@link ReferenceMix} at a target rate of source row changes, each transaction committed
 * on its own; every committed transaction is told to a {@link Committed} listener (the bench's
 * probe samples them). The rate can change between steps, and writing can pause.
 */
public final class ReferenceWorkload implements AutoCloseable {

  /** Told of every committed transaction, on the writer's thread: must be cheap. */
  @FunctionalInterface
  public interface Committed {
    void committed(String orderId, long version, long commitNanos);
  }

  private final ReferenceSchema schema;
  private final String jdbcUrl;
  private final String user;
  private final String password;
  private final int writers;
  private final long preloadedOrders;
  private final long firstNewOrderNo;
  private final Committed listener;
  private final AtomicLong changes = new AtomicLong();
  private final AtomicLong transactions = new AtomicLong();
  private final AtomicLongArray byKind = new AtomicLongArray(ReferenceMix.Kind.values().length);
  private final List<Thread> threads = new ArrayList<>();
  private final Object resumed = new Object();
  private volatile RateLimiter rate;
  private volatile boolean paused = true;
  private volatile boolean running;
  private volatile Exception failure;

  /**
   * @param preloadedOrders orders {@code 1..preloadedOrders} exist, as {@link ReferenceLoader}
   *     wrote them
   * @param firstNewOrderNo new orders are numbered from here, above every preloaded one
   */
  public ReferenceWorkload(
      ReferenceSchema schema,
      String jdbcUrl,
      String user,
      String password,
      int writers,
      long preloadedOrders,
      long firstNewOrderNo,
      Committed listener) {
    if (writers < 1 || firstNewOrderNo <= preloadedOrders) {
      throw new IllegalArgumentException(
          "writers must be >= 1 and new orders numbered above the preloaded ones; got "
              + writers
              + ", "
              + firstNewOrderNo);
    }
    this.schema = schema;
    this.jdbcUrl = jdbcUrl;
    this.user = user;
    this.password = password;
    this.writers = writers;
    this.preloadedOrders = preloadedOrders;
    this.firstNewOrderNo = firstNewOrderNo;
    this.listener = listener;
  }

  /** Opens the writers' connections and starts them, paused: {@link #run} sets them going. */
  public void start() throws SQLException {
    running = true;
    List<ReferenceWriter> opened = new ArrayList<>();
    try {
      for (int w = 0; w < writers; w++) {
        List<Long> owned = new ArrayList<>();
        for (long n = w == 0 ? writers : w; n <= preloadedOrders; n += writers) {
          owned.add(n);
        }
        Connection db = DriverManager.getConnection(jdbcUrl, user, password);
        opened.add(
            new ReferenceWriter(
                schema,
                db,
                new SplittableRandom(firstNewOrderNo * 31 + w),
                owned,
                firstNewOrderNo + w,
                writers));
      }
    } catch (SQLException | RuntimeException e) {
      for (ReferenceWriter w : opened) {
        w.close();
      }
      throw e;
    }
    for (int w = 0; w < writers; w++) {
      ReferenceWriter writer = opened.get(w);
      Thread t = new Thread(() -> write(writer), "reference-writer-" + w);
      t.setDaemon(true);
      threads.add(t);
      t.start();
    }
  }

  /**
   * Writes at {@code changesPerSecond} from now on. A fresh limiter per call: a limiter that idled
   * through a pause would otherwise hand out a stored second's worth at once.
   */
  public void run(double changesPerSecond) {
    rate = RateLimiter.create(changesPerSecond);
    synchronized (resumed) {
      paused = false;
      resumed.notifyAll();
    }
  }

  /** Stops writing after each writer's transaction in flight; {@link #run} resumes. */
  public void pause() {
    paused = true;
  }

  public long changes() {
    return changes.get();
  }

  public long transactions() {
    return transactions.get();
  }

  /** Transactions committed so far by kind (a kind that fell back is counted as what it did). */
  public Map<ReferenceMix.Kind, Long> transactionsByKind() {
    Map<ReferenceMix.Kind, Long> m = new EnumMap<>(ReferenceMix.Kind.class);
    for (ReferenceMix.Kind k : ReferenceMix.Kind.values()) {
      m.put(k, byKind.get(k.ordinal()));
    }
    return m;
  }

  /** The first failure of any writer, or null; a failed writer stops. */
  public Exception failure() {
    return failure;
  }

  private void write(ReferenceWriter writer) {
    try (writer) {
      while (running) {
        if (paused) {
          awaitResumed();
          continue;
        }
        ReferenceWriter.Plan plan = writer.plan();
        rate.acquire(plan.rows());
        if (paused || !running) {
          continue; // paused while waiting for the limiter: this transaction is not written
        }
        ReferenceWriter.Done done = writer.run(plan);
        long committed = System.nanoTime();
        changes.addAndGet(done.rows());
        transactions.incrementAndGet();
        byKind.incrementAndGet(done.kind().ordinal());
        listener.committed(done.orderId(), done.version(), committed);
      }
    } catch (SQLException | RuntimeException e) {
      if (failure == null) {
        failure = e;
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Waits without waking while paused: the idle step measures the pipeline, not the writers. */
  private void awaitResumed() throws InterruptedException {
    synchronized (resumed) {
      while (paused && running) {
        resumed.wait();
      }
    }
  }

  @Override
  public void close() throws InterruptedException {
    synchronized (resumed) {
      running = false;
      resumed.notifyAll();
    }
    for (Thread t : threads) {
      t.join(10_000);
    }
  }
}
