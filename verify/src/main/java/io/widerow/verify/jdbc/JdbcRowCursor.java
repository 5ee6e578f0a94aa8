package io.widerow.verify.jdbc;

import io.widerow.core.change.ChangeEvent;
import io.widerow.verify.SourceSide.RowCursor;
import java.io.IOException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Streams one physical table in entity-key text order over a connection of its own (a streaming
 * result set holds its connection until read to the end).
 */
final class JdbcRowCursor implements RowCursor {

  private static final int FETCH_SIZE = 1_000;

  private final PhysicalTable table;
  private final Connection connection;
  private final Statement statement;
  private final ResultSet rows;
  private boolean closed;

  JdbcRowCursor(PhysicalTable table, Connection connection) throws SQLException {
    this.table = table;
    this.connection = connection;
    try {
      statement =
          connection.createStatement(ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY);
      statement.setFetchSize(FETCH_SIZE);
      // Binary order of the key's UTF-8 text is the order ingest's key strings sort in Java;
      // the column's own collation (case-insensitive, numeric) would not be.
      rows =
          statement.executeQuery(
              "SELECT "
                  + table.selectList()
                  + " FROM "
                  + table.qualified()
                  + " ORDER BY CAST(CONVERT("
                  + table.keyColumn()
                  + " USING utf8mb4) AS BINARY)");
    } catch (SQLException e) {
      connection.close();
      throw e;
    }
  }

  @Override
  public ChangeEvent next() throws IOException {
    try {
      if (closed || !rows.next()) {
        return null;
      }
      return table.event(rows);
    } catch (SQLException e) {
      throw JdbcSourceSide.failure(e);
    }
  }

  @Override
  public String where() {
    return table.where();
  }

  @Override
  public void close() throws IOException {
    if (closed) {
      return;
    }
    closed = true;
    try {
      connection.close(); // closes the statement and result set with it
    } catch (SQLException e) {
      throw JdbcSourceSide.failure(e);
    }
  }
}
