package io.widerow.common.pipeline;

import java.util.List;
import java.util.Optional;

/**
 * One source database instance that one ingest engine reads.
 *
 * @param name unique source name, used in Debezium's logical server name and offsets
 * @param passwordEnv name of the environment variable holding the password (never the password)
 * @param serverId the replication client id this engine presents to the server; unique per server
 * @param databases databases to capture; empty means every database a table pattern can match
 */
public record Source(
    String name,
    Connector connector,
    String host,
    int port,
    String user,
    String passwordEnv,
    long serverId,
    List<String> databases) {

  public Source {
    databases = List.copyOf(databases);
  }

  /** The password from the environment, or empty when the variable is unset. */
  public Optional<String> password() {
    return Optional.ofNullable(System.getenv(passwordEnv));
  }

  /** Which Debezium connector reads this source. */
  public enum Connector {
    MARIADB,
    MYSQL
  }
}
