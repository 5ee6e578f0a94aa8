package io.widerow.ops.jdbc;

import io.widerow.core.pipeline.Source;
import io.widerow.ops.BinlogRetention;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Locale;
import java.util.function.Function;

/**
 * Reads how long a source server keeps its binlog files: {@code binlog_expire_logs_seconds}, or
 * {@code expire_logs_days} where the server has only that (the longer when both are set).
 */
public final class JdbcBinlogRetention implements BinlogRetention {

  private final Function<String, String> environment;

  public JdbcBinlogRetention(Function<String, String> environment) {
    this.environment = environment;
  }

  @Override
  public Retention of(Source source) throws SQLException {
    long seconds = 0;
    long days = 0;
    try (Connection c = SourceConnections.open(source, environment);
        Statement s = c.createStatement();
        ResultSet r =
            s.executeQuery(
                "SHOW GLOBAL VARIABLES WHERE Variable_name IN"
                    + " ('binlog_expire_logs_seconds', 'expire_logs_days')")) {
      while (r.next()) {
        String name = r.getString(1).toLowerCase(Locale.ROOT);
        long value = (long) Double.parseDouble(r.getString(2));
        if (name.equals("binlog_expire_logs_seconds")) {
          seconds = value;
        } else {
          days = value;
        }
      }
    }
    Duration retention = Duration.ofSeconds(Math.max(seconds, days * 86_400));
    return new Retention(
        retention, "binlog_expire_logs_seconds=" + seconds + ", expire_logs_days=" + days);
  }
}
