package io.widerow.core.pipeline;

import java.util.List;
import java.util.Optional;

/**
 * One source database instance that one ingest engine reads.
 *
 * @param name unique source name, used in Debezium's logical server name and offsets
 * @param passwordEnv name of the environment variable holding the password (never the password)
 * @param serverId the replication client id this engine presents to the server; unique per server
 * @param databases databases to capture; empty means every database a table pattern can match
 * @param snapshotKeyLimit most entity keys ingest holds back during this source's initial snapshot
 *     before it publishes them anyway; a larger snapshot indexes an entity once per round
 */
public record Source(
    String name,
    Connector connector,
    String host,
    int port,
    String user,
    String passwordEnv,
    long serverId,
    List<String> databases,
    int snapshotKeyLimit) {

  /** The default of {@code sources[].snapshotKeyLimit}, as {@link PipelineKeys} defines it. */
  public static final int DEFAULT_SNAPSHOT_KEY_LIMIT =
      PipelineKeys.SOURCE_SNAPSHOT_KEY_LIMIT.defaultInt();

  public Source {
    databases = List.copyOf(databases);
    if (snapshotKeyLimit < 1) {
      throw new IllegalArgumentException(
          "snapshotKeyLimit must be at least 1: " + snapshotKeyLimit);
    }
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
