package io.widerow.merger.planted;

import java.sql.DriverManager;
import java.sql.SQLException;

/** Planted violation: a merger stage that opens a JDBC connection. */
public final class StageUsingJdbc {

  public void touch(String url) throws SQLException {
    DriverManager.getConnection(url).close();
  }
}
