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

  /**
   * At about 100 bytes per held key, 500,000 keys take some 50 MB of ingest's heap, and a backfill
   * of up to that many entities indexes each of them once.
   */
  public static final int DEFAULT_SNAPSHOT_KEY_LIMIT = 500_000;

  /** The largest {@code snapshotKeyLimit} a pipeline file may set: some 5 GB of held keys. */
  public static final int MAX_SNAPSHOT_KEY_LIMIT = 50_000_000;

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
