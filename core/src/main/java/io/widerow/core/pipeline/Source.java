package io.widerow.core.pipeline;

import java.util.List;
import java.util.Map;

/**
 * One source database instance that one ingest engine reads.
 *
 * @param name unique source name, used in Debezium's logical server name and offsets
 * @param password where the user's password is kept (never the password itself)
 * @param serverId the replication client id this engine presents to the server; unique per server
 * @param databases databases to capture; empty means every database a table pattern can match
 * @param snapshotKeyLimit most entity keys ingest holds back during this source's initial snapshot
 *     before it publishes them anyway; a larger snapshot indexes an entity once per round
 * @param tls how Debezium and every JDBC connection of the project use TLS to the server
 * @param properties Debezium connector settings passed through as they are
 */
public record Source(
    String name,
    Connector connector,
    String host,
    int port,
    String user,
    Secret password,
    long serverId,
    List<String> databases,
    int snapshotKeyLimit,
    SourceTls tls,
    Map<String, String> properties) {

  /** The default of {@code sources[].snapshotKeyLimit}, as {@link PipelineKeys} defines it. */
  public static final int DEFAULT_SNAPSHOT_KEY_LIMIT =
      PipelineKeys.SOURCE_SNAPSHOT_KEY_LIMIT.defaultInt();

  public Source {
    databases = List.copyOf(databases);
    properties = Map.copyOf(properties);
    if (snapshotKeyLimit < 1) {
      throw new IllegalArgumentException(
          "snapshotKeyLimit must be at least 1: " + snapshotKeyLimit);
    }
  }

  /** A source without TLS whose password is in the environment variable {@code passwordEnv}. */
  public Source(
      String name,
      Connector connector,
      String host,
      int port,
      String user,
      String passwordEnv,
      long serverId,
      List<String> databases,
      int snapshotKeyLimit) {
    this(
        name,
        connector,
        host,
        port,
        user,
        Secret.env("sources." + name + ".passwordEnv", passwordEnv),
        serverId,
        databases,
        snapshotKeyLimit,
        SourceTls.DISABLED,
        Map.of());
  }

  /** The same server, user, password and TLS under another name, client id and databases. */
  public Source withIdentity(String newName, long newServerId, List<String> newDatabases) {
    return new Source(
        newName,
        connector,
        host,
        port,
        user,
        password,
        newServerId,
        newDatabases,
        snapshotKeyLimit,
        tls,
        properties);
  }

  /** Which Debezium connector reads this source. */
  public enum Connector {
    MARIADB,
    MYSQL
  }
}
