package io.widerow.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import io.widerow.stack.StackEndpoints;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(LocalStackExtension.class)
class MariaDbSmokeIT {

  @Test
  void rootWritesAndReadsOverTcp(StackEndpoints stack) throws Exception {
    try (Connection c = root(stack);
        Statement s = c.createStatement()) {
      s.execute("DROP DATABASE IF EXISTS smoke_jdbc");
      s.execute("CREATE DATABASE smoke_jdbc");
      s.execute("CREATE TABLE smoke_jdbc.t (id INT PRIMARY KEY, name VARCHAR(20))");
      s.execute("INSERT INTO smoke_jdbc.t VALUES (1, 'one')");
      try (ResultSet rs = s.executeQuery("SELECT name FROM smoke_jdbc.t WHERE id = 1")) {
        assertThat(rs.next()).isTrue();
        assertThat(rs.getString(1)).isEqualTo("one");
      }
      s.execute("DROP DATABASE smoke_jdbc");
    }
  }

  @Test
  void binlogIsConfiguredForChangeDataCapture(StackEndpoints stack) throws Exception {
    try (Connection c = root(stack);
        Statement s = c.createStatement();
        ResultSet rs =
            s.executeQuery(
                "SELECT @@log_bin, @@binlog_format, @@binlog_row_image, @@binlog_row_metadata,"
                    + " @@gtid_strict_mode, @@server_id")) {
      assertThat(rs.next()).isTrue();
      assertThat(rs.getInt(1)).isEqualTo(1);
      assertThat(rs.getString(2)).isEqualTo("ROW");
      assertThat(rs.getString(3)).isEqualTo("FULL");
      assertThat(rs.getString(4)).isEqualTo("FULL");
      assertThat(rs.getInt(5)).isEqualTo(1);
      assertThat(rs.getLong(6)).isPositive();
    }
  }

  @Test
  void aStatementWaitsForATableLockAtMostTwoMinutes(StackEndpoints stack) throws Exception {
    try (Connection c = root(stack);
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT @@GLOBAL.lock_wait_timeout")) {
      assertThat(rs.next()).isTrue();
      assertThat(rs.getLong(1)).isEqualTo(120);
    }
  }

  @Test
  void cdcUserHasTheDebeziumGrants(StackEndpoints stack) throws Exception {
    try (Connection c =
            DriverManager.getConnection(
                stack.mariadbJdbcUrl(), stack.cdcUser(), stack.cdcPassword());
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SHOW GRANTS FOR CURRENT_USER()")) {
      assertThat(rs.next()).isTrue();
      assertThat(rs.getString(1))
          .contains(
              "SELECT",
              "RELOAD",
              "SHOW DATABASES",
              "LOCK TABLES",
              "REPLICATION SLAVE",
              "BINLOG MONITOR");
    }
  }

  private static Connection root(StackEndpoints stack) throws Exception {
    return DriverManager.getConnection(
        stack.mariadbJdbcUrl(), stack.mariadbRootUser(), stack.mariadbRootPassword());
  }
}
