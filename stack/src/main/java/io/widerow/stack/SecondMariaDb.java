package io.widerow.stack;

import io.widerow.stack.mariadb.MariaDbServer;

/**
 * A second MariaDB server beside the stack's, for tests of a pipeline with two source instances
 * ({@code ClusterIT}). Not part of {@code stack up}: a test starts it and stops it. Port {@code
 * widerow.mariadb2.port} / {@code WIDEROW_MARIADB2_PORT} (default 23307), files in {@code
 * <home>/mariadb2}, binlog server id 2, the stack's certificate and users.
 */
public final class SecondMariaDb {

  public static final int DEFAULT_PORT = 23307;

  private SecondMariaDb() {}

  public static MariaDbServer of(StackConfig config) {
    return new MariaDbServer(
        config,
        new StackSecrets(config),
        "mariadb2",
        Settings.port("widerow.mariadb2.port", DEFAULT_PORT),
        2);
  }
}
