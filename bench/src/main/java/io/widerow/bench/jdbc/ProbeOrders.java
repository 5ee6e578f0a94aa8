package io.widerow.bench.jdbc;

import io.widerow.workload.DemoSchema;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * The freshness probe's orders in the source database, over one connection: inserted once, then
 * updated with one marker per transaction. Not thread-safe: one writer uses it.
 */
public final class ProbeOrders implements AutoCloseable {

  private final DemoSchema schema;
  private final long firstOrderNo;
  private final List<String> orderIds = new ArrayList<>();
  private final Connection db;

  public ProbeOrders(
      DemoSchema schema, String jdbcUrl, String user, String password, long firstOrderNo, int count)
      throws SQLException {
    this.schema = schema;
    this.firstOrderNo = firstOrderNo;
    for (int i = 0; i < count; i++) {
      orderIds.add(DemoSchema.orderId(firstOrderNo + i));
    }
    this.db = DriverManager.getConnection(jdbcUrl, user, password);
  }

  public List<String> orderIds() {
    return List.copyOf(orderIds);
  }

  /** Inserts the probe orders with marker 0. */
  public void create() throws SQLException {
    try (Statement st = db.createStatement()) {
      for (int i = 0; i < orderIds.size(); i++) {
        st.executeUpdate(
            "INSERT INTO "
                + schema.shardedTable(firstOrderNo + i, "orders")
                + " (order_id, user_id, status, total, currency, created_at, updated_at, version)"
                + " VALUES ('"
                + orderIds.get(i)
                + "', 0, 'PROBE', 0, 'EUR', NOW(3), NOW(3), 1)");
      }
    }
  }

  /** From now on each {@link #writeMarker} is a transaction of its own, committed explicitly. */
  public void startMarkers() throws SQLException {
    db.setAutoCommit(false);
  }

  /** Sets {@code user_id = seq} on probe order {@code i}, bumps its version; returns committed. */
  public void writeMarker(int i, long seq) throws SQLException {
    try (PreparedStatement st =
        db.prepareStatement(
            "UPDATE "
                + schema.shardedTable(firstOrderNo + i, "orders")
                + " SET user_id = ?, updated_at = NOW(3), version = version + 1"
                + " WHERE order_id = ?")) {
      st.setLong(1, seq);
      st.setString(2, orderIds.get(i));
      st.executeUpdate();
    }
    db.commit();
  }

  @Override
  public void close() throws SQLException {
    db.close();
  }
}
