package io.widerow.workload;

import com.google.common.util.concurrent.RateLimiter;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Drives order life-cycles into the demo schema at a steady rate of source row changes: create with
 * items, pay, ship, deliver, refund, change items, and cancel (delete every row of the order). Each
 * worker thread owns its own orders, so versions are bumped without locks.
 */
public final class OrderWorkload implements AutoCloseable {

  private final DemoSchema schema;
  private final List<String> jdbcUrls;
  private final String user;
  private final String password;
  private final int workers;
  private final int activeOrdersPerWorker;
  private final RateLimiter rate;
  private final AtomicLong changes = new AtomicLong();
  private final AtomicLong ordersCreated = new AtomicLong();
  private final AtomicLong ordersDeleted = new AtomicLong();
  private final List<Thread> threads = new ArrayList<>();
  private final AtomicLong firstFailure = new AtomicLong();
  private volatile Exception failure;
  private volatile boolean running;
  private final long firstOrderNo;

  /**
   * @param changesPerSecond target rate of source row changes over all workers
   * @param firstOrderNo order numbers start here, so runs on the same database do not collide
   */
  public OrderWorkload(
      DemoSchema schema,
      String jdbcUrl,
      String user,
      String password,
      int workers,
      int activeOrders,
      double changesPerSecond,
      long firstOrderNo) {
    this(
        schema,
        java.util.Collections.nCopies(DemoSchema.DATABASES, jdbcUrl),
        user,
        password,
        workers,
        activeOrders,
        changesPerSecond,
        firstOrderNo);
  }

  /**
   * Orders spread over several servers: database {@code d} of the schema lives on the server of
   * {@code jdbcUrlPerDatabase.get(d)}. Each worker writes orders of one database only, so {@code
   * workers} must be a multiple of the schema's databases.
   */
  public OrderWorkload(
      DemoSchema schema,
      List<String> jdbcUrlPerDatabase,
      String user,
      String password,
      int workers,
      int activeOrders,
      double changesPerSecond,
      long firstOrderNo) {
    if (jdbcUrlPerDatabase.size() != DemoSchema.DATABASES) {
      throw new IllegalArgumentException(
          "jdbcUrlPerDatabase: "
              + jdbcUrlPerDatabase.size()
              + " URLs; expected one per database, "
              + DemoSchema.DATABASES);
    }
    boolean oneServer = jdbcUrlPerDatabase.stream().distinct().count() == 1;
    if (!oneServer && workers % DemoSchema.DATABASES != 0) {
      throw new IllegalArgumentException(
          "workers: "
              + workers
              + "; expected a multiple of "
              + DemoSchema.DATABASES
              + " when the databases live on several servers");
    }
    this.schema = schema;
    this.jdbcUrls = List.copyOf(jdbcUrlPerDatabase);
    this.user = user;
    this.password = password;
    this.workers = workers;
    this.activeOrdersPerWorker = Math.max(1, activeOrders / workers);
    this.rate = RateLimiter.create(changesPerSecond);
    this.firstOrderNo = firstOrderNo;
  }

  public void start() {
    running = true;
    for (int w = 0; w < workers; w++) {
      int worker = w;
      Thread t = new Thread(() -> runWorker(worker), "workload-" + w);
      t.setDaemon(true);
      threads.add(t);
      t.start();
    }
  }

  public void setRate(double changesPerSecond) {
    rate.setRate(changesPerSecond);
  }

  public long changes() {
    return changes.get();
  }

  public long ordersCreated() {
    return ordersCreated.get();
  }

  public long ordersDeleted() {
    return ordersDeleted.get();
  }

  /** The first failure of any worker, or null; a failed worker stops. */
  public Exception failure() {
    return failure;
  }

  private void runWorker(int worker) {
    SplittableRandom random = new SplittableRandom(firstOrderNo * 31 + worker);
    OrderSteps steps = new OrderSteps(random);
    List<OrderState> active = new ArrayList<>();
    long nextOrderNo = firstOrderNo + worker;
    // Order n lives in database n % DATABASES; with workers a multiple of that, always this one.
    String jdbcUrl = jdbcUrls.get((int) (nextOrderNo % DemoSchema.DATABASES));
    try (Connection db = DriverManager.getConnection(jdbcUrl, user, password)) {
      db.setAutoCommit(false);
      while (running) {
        OrderState order;
        int written;
        if (active.size() < activeOrdersPerWorker) {
          order = new OrderState(schema, nextOrderNo);
          nextOrderNo += workers;
          written = steps.create(db, order, rate);
          active.add(order);
          ordersCreated.incrementAndGet();
        } else {
          int i = random.nextInt(active.size());
          order = active.get(i);
          written = steps.advance(db, order, rate);
          if (steps.isFinished(order)) {
            active.set(i, active.get(active.size() - 1));
            active.remove(active.size() - 1);
            if (order.deleted) {
              ordersDeleted.incrementAndGet();
            }
          }
        }
        changes.addAndGet(written);
      }
    } catch (SQLException | RuntimeException e) {
      if (firstFailure.compareAndSet(0, 1)) {
        failure = e instanceof SQLException s ? s : new IllegalStateException(e);
      }
    }
  }

  @Override
  public void close() throws InterruptedException {
    running = false;
    for (Thread t : threads) {
      t.join(10_000);
    }
  }
}
