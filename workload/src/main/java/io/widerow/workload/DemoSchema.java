package io.widerow.workload;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * The demo's order schema: five tables, each in {@code DATABASES} databases times {@code SHARDS}
 * table shards ({@code shop_0.orders_1} ...), every table with a {@code version} column the
 * application bumps on each write; an order's {@code attributes} are a JSON column.
 */
public final class DemoSchema {

  /** The demo's own databases, {@code shop_0} and {@code shop_1}. */
  public static final DemoSchema DEMO = new DemoSchema("shop");

  public static final int DATABASES = 2;
  public static final int SHARDS = 2;
  private static final long RUN_GAP = 100_000;

  private static final List<String> TABLES =
      List.of(
          """
          orders_%d (
            order_id VARCHAR(32) NOT NULL PRIMARY KEY,
            user_id BIGINT NOT NULL,
            status VARCHAR(16) NOT NULL,
            total DECIMAL(12,2) NOT NULL,
            currency CHAR(3) NOT NULL,
            created_at DATETIME(3) NOT NULL,
            updated_at DATETIME(3) NOT NULL,
            attributes JSON NULL,
            version BIGINT NOT NULL)""",
          """
          order_payment_%d (
            payment_id VARCHAR(40) NOT NULL PRIMARY KEY,
            order_id VARCHAR(32) NOT NULL,
            method VARCHAR(16) NOT NULL,
            amount DECIMAL(12,2) NOT NULL,
            status VARCHAR(16) NOT NULL,
            paid_at DATETIME(3),
            version BIGINT NOT NULL,
            KEY (order_id))""",
          """
          order_fulfillment_%d (
            fulfillment_id VARCHAR(40) NOT NULL PRIMARY KEY,
            order_id VARCHAR(32) NOT NULL,
            carrier VARCHAR(16) NOT NULL,
            tracking_no VARCHAR(32) NOT NULL,
            status VARCHAR(16) NOT NULL,
            shipped_at DATETIME(3),
            version BIGINT NOT NULL,
            KEY (order_id))""",
          """
          order_refund_%d (
            refund_id VARCHAR(40) NOT NULL PRIMARY KEY,
            order_id VARCHAR(32) NOT NULL,
            amount DECIMAL(12,2) NOT NULL,
            reason VARCHAR(255) NOT NULL,
            status VARCHAR(16) NOT NULL,
            refunded_at DATETIME(3),
            version BIGINT NOT NULL,
            KEY (order_id))""",
          """
          order_item_%d (
            item_id BIGINT NOT NULL PRIMARY KEY,
            order_id VARCHAR(32) NOT NULL,
            sku VARCHAR(32) NOT NULL,
            title VARCHAR(255) NOT NULL,
            quantity INT NOT NULL,
            price DECIMAL(12,2) NOT NULL,
            version BIGINT NOT NULL,
            KEY (order_id))""");

  private final String databasePrefix;

  /**
   * @param databasePrefix databases are named {@code <prefix>_0 ... <prefix>_<DATABASES-1>}, so a
   *     test can keep its rows apart from the demo's
   */
  public DemoSchema(String databasePrefix) {
    this.databasePrefix = databasePrefix;
  }

  /** Creates the databases and table shards when missing; keeps existing data. */
  public void create(Connection root) throws SQLException {
    try (Statement st = root.createStatement()) {
      for (int db = 0; db < DATABASES; db++) {
        st.execute("CREATE DATABASE IF NOT EXISTS " + database(db));
        for (int shard = 0; shard < SHARDS; shard++) {
          for (String table : TABLES) {
            st.execute("CREATE TABLE IF NOT EXISTS " + database(db) + "." + table.formatted(shard));
          }
          // Demo databases made before the JSON column existed get it; new rows fill it.
          st.execute(
              "ALTER TABLE "
                  + database(db)
                  + ".orders_"
                  + shard
                  + " ADD COLUMN IF NOT EXISTS attributes JSON NULL AFTER updated_at");
        }
      }
    }
  }

  /** {@link #create(Connection)} over a connection of its own. */
  public void create(String jdbcUrl, String user, String password) throws SQLException {
    try (Connection root = DriverManager.getConnection(jdbcUrl, user, password)) {
      create(root);
    }
  }

  /** Drops the demo's databases (the test and bench runs start from nothing). */
  public void drop(Connection root) throws SQLException {
    try (Statement st = root.createStatement()) {
      for (int db = 0; db < DATABASES; db++) {
        st.execute("DROP DATABASE IF EXISTS " + database(db));
      }
    }
  }

  /** {@link #drop(Connection)} over a connection of its own. */
  public void drop(String jdbcUrl, String user, String password) throws SQLException {
    try (Connection root = DriverManager.getConnection(jdbcUrl, user, password)) {
      drop(root);
    }
  }

  /** {@link #nextOrderNo(Connection)} over a connection of its own. */
  public long nextOrderNo(String jdbcUrl, String user, String password) throws SQLException {
    try (Connection root = DriverManager.getConnection(jdbcUrl, user, password)) {
      return nextOrderNo(root);
    }
  }

  /**
   * An order number above any a previous run used. Cancelled orders are deleted, so the highest
   * live order is not the highest ever used; cancels only hit a run's in-flight (newest) orders, so
   * a gap larger than any run's active set is enough. Reusing an id would re-insert a deleted row
   * at version 1, below its tombstone, and stay hidden by design.
   */
  public long nextOrderNo(Connection root) throws SQLException {
    long max = 0;
    try (Statement st = root.createStatement()) {
      for (int db = 0; db < DATABASES; db++) {
        for (int shard = 0; shard < SHARDS; shard++) {
          try (var rs =
              st.executeQuery("SELECT MAX(order_id) FROM " + database(db) + ".orders_" + shard)) {
            if (rs.next() && rs.getString(1) != null) {
              max = Math.max(max, Long.parseLong(rs.getString(1).substring(4)));
            }
          }
        }
      }
    }
    return max == 0 ? 1 : max + RUN_GAP;
  }

  public String database(int db) {
    return databasePrefix + "_" + db;
  }

  /** Where an order's rows live: {@code shop_<n % 2>.<table>_<(n / 2) % 2>}. */
  public String shardedTable(long orderNo, String table) {
    return database((int) (orderNo % DATABASES))
        + "."
        + table
        + "_"
        + ((orderNo / DATABASES) % SHARDS);
  }

  public static String orderId(long orderNo) {
    return String.format("ORD-%08d", orderNo);
  }
}
