package io.widerow.stack.mariadb;

import io.widerow.stack.OsUser;
import io.widerow.stack.StackEndpoints;
import io.widerow.stack.StackSecrets;
import java.nio.file.Path;

/** The server's option file and the SQL it runs at every start. */
final class MariaDbFiles {

  private MariaDbFiles() {}

  static String myCnf(Path dir, int port, int serverId, StackSecrets secrets) {
    return String.join(
        "\n",
        "# Written by the widerow stack launcher at every start; edits are lost.",
        "[mariadbd]",
        // mariadbd refuses to run as root unless told to.
        OsUser.isRoot() ? "user = root" : "",
        "datadir = " + dir.resolve("data"),
        "port = " + port,
        "bind-address = " + StackEndpoints.HOST,
        "socket = " + dir.resolve("mariadbd.sock"),
        "pid-file = " + dir.resolve("mariadbd.pid"),
        "log-error = " + dir.resolve("error.log"),
        "init-file = " + dir.resolve("init.sql"),
        "skip-name-resolve",
        "character-set-server = utf8mb4",
        "collation-server = utf8mb4_general_ci",
        "innodb_buffer_pool_size = 128M",
        "innodb_flush_log_at_trx_commit = 2",
        "# A statement waiting for a table's lock fails after 2 minutes, not a day: a lock some",
        "# stopped client left behind shows as an error instead of a hang.",
        "lock_wait_timeout = 120",
        "# Binlog as Debezium needs it: every row change with all columns and column names.",
        "server_id = " + serverId,
        "log_bin = " + dir.resolve("data/mariadb-bin"),
        "binlog_format = ROW",
        "binlog_row_image = FULL",
        "binlog_row_metadata = FULL",
        "binlog_annotate_row_events = ON",
        "binlog_expire_logs_seconds = 86400",
        "gtid_strict_mode = ON",
        "sync_binlog = 0",
        "# TLS for every client that asks for it; widerow_cdc_tls must use it (REQUIRE SSL).",
        "ssl_ca = " + secrets.caFile(),
        "ssl_cert = " + secrets.serverCertFile(),
        "ssl_key = " + secrets.serverKeyFile(),
        "",
        "[client]",
        "socket = " + dir.resolve("mariadbd.sock"),
        "user = " + StackEndpoints.ROOT_USER,
        "password = " + StackEndpoints.ROOT_PASSWORD,
        "");
  }

  /**
   * Users and grants, idempotent because it runs at every start. Kept out of the binlog so CDC
   * readers never see account changes.
   */
  static String initSql(String cdcTlsPassword) {
    String root = "'" + StackEndpoints.ROOT_USER + "'@'";
    String rootPw = " IDENTIFIED BY '" + StackEndpoints.ROOT_PASSWORD + "';";
    String cdc = "'" + StackEndpoints.CDC_USER + "'@'%'";
    String cdcTls = "'" + StackSecrets.CDC_TLS_USER + "'@'%'";
    String cdcTlsPw = " IDENTIFIED BY '" + cdcTlsPassword + "' REQUIRE SSL;";
    return String.join(
        "\n",
        "SET SQL_LOG_BIN = 0;",
        "CREATE USER IF NOT EXISTS " + root + "127.0.0.1'" + rootPw,
        "ALTER USER " + root + "127.0.0.1'" + rootPw,
        "GRANT ALL PRIVILEGES ON *.* TO " + root + "127.0.0.1' WITH GRANT OPTION;",
        "ALTER USER " + root + "localhost'" + rootPw,
        "CREATE USER IF NOT EXISTS "
            + cdc
            + " IDENTIFIED BY '"
            + StackEndpoints.CDC_PASSWORD
            + "';",
        "GRANT SELECT, RELOAD, SHOW DATABASES, LOCK TABLES, REPLICATION SLAVE, BINLOG MONITOR"
            + " ON *.* TO "
            + cdc
            + ";",
        "# The pipelines' Debezium signal tables widerow.signal_<pipeline> (incremental snapshots), which ingest",
        "# creates, through the binlog, when missing.",
        "GRANT CREATE, SELECT, INSERT, UPDATE, DELETE ON widerow.* TO " + cdc + ";",
        "CREATE USER IF NOT EXISTS " + cdcTls + cdcTlsPw,
        "ALTER USER " + cdcTls + cdcTlsPw,
        "GRANT SELECT, RELOAD, SHOW DATABASES, LOCK TABLES, REPLICATION SLAVE, BINLOG MONITOR"
            + " ON *.* TO "
            + cdcTls
            + ";",
        "GRANT CREATE, SELECT, INSERT, UPDATE, DELETE ON widerow.* TO " + cdcTls + ";",
        "");
  }
}
