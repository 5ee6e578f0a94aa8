package io.widerow.workload.reference;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * The reference workload's schema (issue 16, the Flink CDC comparison's own): {@code orders},
 * {@code order_payment} and {@code order_item}, each in two databases times two table shards
 * ({@code <prefix>_0.orders_1} ...). An order's rows live where the demo's do: database {@code n %
 * 2}, shard {@code (n / 2) % 2}. Payments and refunds share {@code order_payment}, told apart by
 * {@code kind}.
 */
public final class ReferenceSchema {

  public static final int DATABASES = 2;
  public static final int SHARDS = 2;

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
            version BIGINT NOT NULL)""",
          """
          order_payment_%d (
            payment_id VARCHAR(40) NOT NULL PRIMARY KEY,
            order_id VARCHAR(32) NOT NULL,
            kind VARCHAR(8) NOT NULL,
            method VARCHAR(16) NOT NULL,
            amount DECIMAL(12,2) NOT NULL,
            created_at DATETIME(3) NOT NULL,
            version BIGINT NOT NULL,
            KEY (order_id))""",
          """
          order_item_%d (
            item_id BIGINT NOT NULL PRIMARY KEY,
            order_id VARCHAR(32) NOT NULL,
            sku VARCHAR(32) NOT NULL,
            quantity INT NOT NULL,
            price DECIMAL(12,2) NOT NULL,
            version BIGINT NOT NULL,
            KEY (order_id))""");

  private final String databasePrefix;

  /**
   * @param databasePrefix databases are named {@code <prefix>_0} and {@code <prefix>_1}
   */
  public ReferenceSchema(String databasePrefix) {
    this.databasePrefix = databasePrefix;
  }

  /** Creates the databases and table shards when missing. */
  public void create(String jdbcUrl, String user, String password) throws SQLException {
    try (Connection root = DriverManager.getConnection(jdbcUrl, user, password);
        Statement st = root.createStatement()) {
      for (int db = 0; db < DATABASES; db++) {
        st.execute("CREATE DATABASE IF NOT EXISTS " + database(db));
        for (int shard = 0; shard < SHARDS; shard++) {
          for (String table : TABLES) {
            st.execute("CREATE TABLE IF NOT EXISTS " + database(db) + "." + table.formatted(shard));
          }
        }
      }
    }
  }

  /** Drops the databases. */
  public void drop(String jdbcUrl, String user, String password) throws SQLException {
    try (Connection root = DriverManager.getConnection(jdbcUrl, user, password);
        Statement st = root.createStatement()) {
      for (int db = 0; db < DATABASES; db++) {
        st.execute("DROP DATABASE IF EXISTS " + database(db));
      }
    }
  }

  public String database(int db) {
    return databasePrefix + "_" + db;
  }

  /** Where an order's rows live: {@code <prefix>_<n % 2>.<table>_<(n / 2) % 2>}. */
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
