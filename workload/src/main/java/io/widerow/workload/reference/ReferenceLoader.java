package io.widerow.workload.reference;

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
 * The orders that exist before the pipeline starts: each with its order row, one payment and 2-4
 * items ({@link ReferenceMix#preloadedItems}), version 1. Multi-row INSERTs of 500 orders per
 * physical table, one writer per database; what the backfill then snapshots.
 */
public final class ReferenceLoader {

  private static final int ORDERS_PER_CHUNK = 500;
  private static final String[] STATUSES = {"CREATED", "PAID", "SHIPPED", "DELIVERED"};

  private final ReferenceSchema schema;
  private final String jdbcUrl;
  private final String user;
  private final String password;

  public ReferenceLoader(ReferenceSchema schema, String jdbcUrl, String user, String password) {
    this.schema = schema;
    this.jdbcUrl = jdbcUrl;
    this.user = user;
    this.password = password;
  }

  /** Source rows of {@code orders} preloaded orders, without writing them. */
  public static long rows(long orders) {
    long rows = 0;
    for (long n = 1; n <= orders; n++) {
      rows += 2 + ReferenceMix.preloadedItems(n);
    }
    return rows;
  }

  /** Item rows of {@code orders} preloaded orders. */
  public static long items(long orders) {
    return rows(orders) - 2 * orders;
  }

  /**
   * Inserts orders {@code 1..orders}; returns the source rows written.
   *
   * @param progress told the rows written so far, now and then
   */
  public long load(long orders, LongConsumer progress) throws Exception {
    AtomicLong rows = new AtomicLong();
    ExecutorService pool = Executors.newFixedThreadPool(ReferenceSchema.DATABASES);
    try {
      List<Future<?>> done = new ArrayList<>();
      for (int db = 0; db < ReferenceSchema.DATABASES; db++) {
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

  private void loadDatabase(int database, long orders, AtomicLong rows, LongConsumer progress)
      throws SQLException {
    try (Connection c = DriverManager.getConnection(jdbcUrl, user, password);
        Statement st = c.createStatement()) {
      long first = database == 0 ? ReferenceSchema.DATABASES : database;
      Map<String, StringBuilder> values = new HashMap<>();
      int inChunk = 0;
      for (long n = first; n <= orders; n += ReferenceSchema.DATABASES) {
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
    SplittableRandom r = new SplittableRandom(n * 31 + 7);
    String id = ReferenceSchema.orderId(n);
    int items = ReferenceMix.preloadedItems(n);
    String ts = "'2026-11-20 10:00:00.000'";
    append(
        values,
        "orders",
        n,
        " (order_id, user_id, status, total, currency, created_at, updated_at, version)",
        "'%s', %d, '%s', %d.50, 'EUR', %s, %s, 1"
            .formatted(id, 1 + r.nextInt(10_000), STATUSES[r.nextInt(4)], items * 10, ts, ts));
    append(
        values,
        "order_payment",
        n,
        " (payment_id, order_id, kind, method, amount, created_at, version)",
        "'PAY-%s-0', '%s', 'PAYMENT', '%s', %d.50, %s, 1"
            .formatted(id, id, ReferenceWriter.METHODS[r.nextInt(3)], items * 10, ts));
    for (int i = 0; i < items; i++) {
      append(
          values,
          "order_item",
          n,
          " (item_id, order_id, sku, quantity, price, version)",
          "%d, '%s', 'SKU-%d', %d, %d.95, 1"
              .formatted(
                  ReferenceMix.itemId(n, i),
                  id,
                  r.nextInt(5_000),
                  1 + r.nextInt(4),
                  5 + r.nextInt(90)));
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
