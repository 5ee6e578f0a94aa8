package io.widerow.stack.mariadb;

import io.widerow.stack.Deadline;
import io.widerow.stack.ExternalCommand;
import io.widerow.stack.ForkedServer;
import io.widerow.stack.OsUser;
import io.widerow.stack.StackConfig;
import io.widerow.stack.StackEndpoints;
import io.widerow.stack.StackSecrets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * A private MariaDB instance (own datadir, port and socket) with the binlog set up for Debezium,
 * from the Debian server binaries. It serves TLS with the stack's certificate, and its user {@code
 * widerow_cdc_tls} may connect only with TLS.
 */
public final class MariaDbServer extends ForkedServer {

  static final String INSTALL_HINT =
      "apt-get update && apt-get install -y --no-install-recommends mariadb-server mariadb-client";

  private final StackSecrets secrets;
  private final int port;
  private final int serverId;

  public MariaDbServer(StackConfig config, StackSecrets secrets) {
    this(config, secrets, "mariadb", config.mariadbPort(), 1);
  }

  /**
   * Another instance beside the stack's own (a second source server), in {@code <home>/<name>},
   * with the same certificate and users.
   *
   * @param serverId its binlog {@code server_id}, unique among the servers a test replicates from
   */
  public MariaDbServer(
      StackConfig config, StackSecrets secrets, String name, int port, int serverId) {
    super(name, config);
    this.secrets = secrets;
    this.port = port;
    this.serverId = serverId;
  }

  public int port() {
    return port;
  }

  @Override
  public String address() {
    return StackEndpoints.HOST + ":" + port;
  }

  @Override
  public List<Path> logFiles() {
    return List.of(dir.resolve("error.log"), dir.resolve("server.out"), dir.resolve("install.log"));
  }

  @Override
  protected List<Integer> ports() {
    return List.of(port);
  }

  @Override
  protected void prepare() throws Exception {
    Path installDb = binary("mariadb-install-db");
    binary("mariadbd");
    Path data = dir.resolve("data");
    if (!Files.isDirectory(data.resolve("mysql"))) {
      List<String> cmd = new ArrayList<>(List.of(installDb.toString(), "--no-defaults"));
      if (OsUser.isRoot()) {
        cmd.add("--user=root");
      }
      cmd.addAll(
          List.of(
              "--datadir=" + data, "--auth-root-authentication-method=normal", "--skip-test-db"));
      ExternalCommand.run(cmd, dir, Map.of(), dir.resolve("install.log"), Duration.ofMinutes(2));
    }
    Path init = dir.resolve("init.sql");
    Files.writeString(init, MariaDbFiles.initSql(StackSecrets.read(secrets.cdcTlsPasswordFile())));
    // It holds a password: readable by the server (which runs as this user) only.
    Files.setPosixFilePermissions(
        init, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
    Files.writeString(dir.resolve("my.cnf"), MariaDbFiles.myCnf(dir, port, serverId, secrets));
  }

  @Override
  protected long launch(Duration timeout) throws Exception {
    // --defaults-file must be the first option, or mariadbd ignores it.
    return fork(
        List.of(binary("mariadbd").toString(), "--defaults-file=" + dir.resolve("my.cnf")),
        Map.of(),
        dir.resolve("server.out"));
  }

  @Override
  protected void awaitReady(Deadline deadline, long pid) throws Exception {
    // The init file has run once the server accepts connections, so the users exist by then.
    deadline.await(
        "MariaDB accepting root logins on " + address(),
        Duration.ofMillis(200),
        whileAlive(pid),
        this::answersQuery);
  }

  @Override
  protected Optional<String> missingFromRunning() throws SQLException {
    try (Connection c = rootConnection();
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT @@have_ssl")) {
      return rs.next() && "YES".equals(rs.getString(1))
          ? Optional.empty()
          : Optional.of("TLS (have_ssl is not YES)");
    }
  }

  @Override
  public boolean isHealthy() {
    try {
      return answersQuery();
    } catch (SQLException e) {
      return false;
    }
  }

  private boolean answersQuery() throws SQLException {
    try (Connection c = rootConnection();
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT @@log_bin")) {
      return rs.next() && rs.getInt(1) == 1;
    }
  }

  private Connection rootConnection() throws SQLException {
    Properties props = new Properties();
    props.setProperty("user", StackEndpoints.ROOT_USER);
    props.setProperty("password", StackEndpoints.ROOT_PASSWORD);
    props.setProperty("connectTimeout", "2000");
    return DriverManager.getConnection("jdbc:mariadb://" + address() + "/", props);
  }

  private static Path binary(String name) {
    return ExternalCommand.which(name)
        .orElseThrow(
            () ->
                new IllegalStateException(
                    name
                        + " not found: install the MariaDB server binaries with: "
                        + INSTALL_HINT));
  }
}
