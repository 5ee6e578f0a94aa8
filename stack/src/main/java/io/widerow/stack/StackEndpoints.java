package io.widerow.stack;

/**
 * How to reach the servers of a running local stack: what the CLI, the demo and the integration
 * tests hand to clients. {@link #secured()} is the same servers over TLS and with credentials.
 */
public record StackEndpoints(
    String mariadbHost,
    int mariadbPort,
    String mariadbRootUser,
    String mariadbRootPassword,
    String cdcUser,
    String cdcPassword,
    String kafkaBootstrap,
    String hbaseZookeeperQuorum,
    String elasticsearchUrl,
    SecuredEndpoints secured) {

  public static final String HOST = "127.0.0.1";
  public static final String ROOT_USER = "root";
  public static final String ROOT_PASSWORD = "widerow";
  public static final String CDC_USER = "widerow_cdc";
  public static final String CDC_PASSWORD = "widerow_cdc";

  /** Where the stack configured by {@code config} listens, whether or not it runs. */
  public static StackEndpoints of(StackConfig config) {
    return new StackEndpoints(
        HOST,
        config.mariadbPort(),
        ROOT_USER,
        ROOT_PASSWORD,
        CDC_USER,
        CDC_PASSWORD,
        HOST + ":" + config.kafkaPort(),
        HOST + ":" + config.hbaseZookeeperPort(),
        "http://" + HOST + ":" + config.elasticsearchPort(),
        SecuredEndpoints.of(config, new StackSecrets(config)));
  }

  /** A JDBC URL for the MariaDB server, without a database. */
  public String mariadbJdbcUrl() {
    return "jdbc:mariadb://" + mariadbHost + ":" + mariadbPort + "/";
  }

  public int hbaseZookeeperPort() {
    return Integer.parseInt(hbaseZookeeperQuorum.substring(hbaseZookeeperQuorum.indexOf(':') + 1));
  }
}
