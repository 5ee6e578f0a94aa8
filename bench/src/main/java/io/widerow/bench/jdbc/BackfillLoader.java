package io.widerow.bench.jdbc;

import io.widerow.workload.DemoSchema;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongConsumer;

/**
 * Writes the orders that exist before the pipeline starts, fast and uncounted: multi-row INSERTs of
 * a chunk of orders per physical table, one writer per database. Each order has its order row, a
 * payment, a fulfillment, 1-3 items and, for one in four, a refund (about 5.25 rows per order).
 */
public final class BackfillLoader {

  private static final int ORDERS_PER_CHUNK = 500;
  private static final String[] STATUSES = {"PAID", "SHIPPED", "DELIVERED", "DELIVERED"};
  private static final String[] CARRIERS = {"DHL", "UPS", "FEDEX", "POSTNL"};
  private static final String[] METHODS = {"CARD", "PAYPAL", "INVOICE"};
  private static final String[] PRODUCTS = {
    "red wool scarf", "blue cotton shirt", "black leather boots", "green rain jacket", "white mug"
  };

  private final DemoSchema schema;
  private final String jdbcUrl;
  private final String user;
  private final String password;

  public BackfillLoader(DemoSchema schema, String jdbcUrl, String user, String password) {
    this.schema = schema;
    this.jdbcUrl = jdbcUrl;
    this.user = user;
    this.password = password;
  }

  /**
   * Inserts orders {@code 1..orders}; returns the number of source rows written.
   *
   * @param progress told the rows written so far, now and then
   */
  public long load(long orders, LongConsumer progress) throws Exception {
    AtomicLong rows = new AtomicLong();
    ExecutorService pool = Executors.newFixedThreadPool(DemoSchema.DATABASES);
    try {
      List<Future<?>> done = new ArrayList<>();
      for (int db = 0; db < DemoSchema.DATABASES; db++) {
        int database = db;
        done.add(
            pool.submit(
                () -> {
                  loadDatabase(database, orders, rows, progress);
                  return null;
                }));
      }
      for (Future<?> f : done) {
        f.get();
      }
    } finally {
      pool.shutdownNow();
    }
    return rows.get();
  }

  /** Orders whose number falls in {@code database}, chunk by chunk; each statement commits. */
  private void loadDatabase(int database, long orders, AtomicLong rows, LongConsumer progress)
      throws SQLException {
    try (Connection c = DriverManager.getConnection(jdbcUrl, user, password);
        Statement st = c.createStatement()) {
      long first = database == 0 ? DemoSchema.DATABASES : database;
      Map<String, StringBuilder> values = new HashMap<>();
      int inChunk = 0;
      for (long n = first; n <= orders; n += DemoSchema.DATABASES) {
        appendOrder(n, values);
        if (++inChunk == ORDERS_PER_CHUNK) {
          rows.addAndGet(flush(st, values));
          progress.accept(rows.get());
          inChunk = 0;
        }
      }
      rows.addAndGet(flush(st, values));
    }
  }

  private static long flush(Statement st, Map<String, StringBuilder> values) throws SQLException {
    long rows = 0;
    for (Map.Entry<String, StringBuilder> e : values.entrySet()) {
      rows += st.executeUpdate("INSERT INTO " + e.getKey() + e.getValue());
    }
    values.clear();
    return rows;
  }

  private void appendOrder(long n, Map<String, StringBuilder> values) {
    SplittableRandom r = new SplittableRandom(n);
    String id = DemoSchema.orderId(n);
    String status = STATUSES[r.nextInt(STATUSES.length)];
    int items = 1 + r.nextInt(3);
    String ts = "'2025-11-20 10:00:00.000'";
    append(
        values,
        "orders",
        n,
        " (order_id, user_id, status, total, currency, created_at, updated_at, version)",
        "'%s', %d, '%s', %d.50, 'EUR', %s, %s, 3"
            .formatted(id, 1 + r.nextInt(10_000), status, items * 10, ts, ts));
    append(
        values,
        "order_payment",
        n,
        " (payment_id, order_id, method, amount, status, paid_at, version)",
        "'PAY-%s', '%s', '%s', %d.50, 'CAPTURED', %s, 1"
            .formatted(id, id, METHODS[r.nextInt(METHODS.length)], items * 10, ts));
    append(
        values,
        "order_fulfillment",
        n,
        " (fulfillment_id, order_id, carrier, tracking_no, status, shipped_at, version)",
        "'FUL-%s', '%s', '%s', 'TRK%d', '%s', %s, 1"
            .formatted(
                id,
                id,
                CARRIERS[r.nextInt(CARRIERS.length)],
                r.nextInt(1_000_000_000),
                status.equals("PAID") ? "PENDING" : "IN_TRANSIT",
                ts));
    for (int i = 0; i < items; i++) {
      append(
          values,
          "order_item",
          n,
          " (item_id, order_id, sku, title, quantity, price, version)",
          "%d, '%s', 'SKU-%d', '%s', %d, %d.95, 1"
              .formatted(
                  n * 4 + i,
                  id,
                  r.nextInt(500),
                  PRODUCTS[r.nextInt(PRODUCTS.length)],
                  1 + r.nextInt(4),
                  5 + r.nextInt(90)));
    }
    if (r.nextInt(4) == 0) {
      append(
          values,
          "order_refund",
          n,
          " (refund_id, order_id, amount, reason, status, refunded_at, version)",
          "'REF-%s-1', '%s', 5.00, 'damaged in transit', 'REFUNDED', %s, 1".formatted(id, id, ts));
    }
  }

  private void append(
      Map<String, StringBuilder> values, String table, long n, String columns, String row) {
    StringBuilder sb =
        values.computeIfAbsent(
            schema.shardedTable(n, table), t -> new StringBuilder(columns).append(" VALUES "));
    if (sb.charAt(sb.length() - 1) == ')') {
      sb.append(',');
    }
    sb.append('(').append(row).append(')');
  }
}
