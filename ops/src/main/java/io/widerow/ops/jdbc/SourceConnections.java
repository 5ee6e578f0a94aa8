package io.widerow.ops.jdbc;

import io.widerow.core.pipeline.Source;
import io.widerow.ops.OpsException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Optional;
import java.util.Properties;
import java.util.function.Function;

/** Opens a connection to a pipeline's source as its CDC user, the password from its variable. */
public final class SourceConnections {

  private static final int CONNECT_TIMEOUT_MS = 10_000;

  private SourceConnections() {}

  public static Connection open(Source source, Function<String, String> environment)
      throws SQLException {
    String password =
        Optional.ofNullable(environment.apply(source.passwordEnv()))
            .orElseThrow(
                () ->
                    new OpsException(
                        "sources."
                            + source.name()
                            + ".passwordEnv: environment variable '"
                            + source.passwordEnv()
                            + "' is not set; expected the password of user '"
                            + source.user()
                            + "'"));
    String scheme = source.connector() == Source.Connector.MYSQL ? "mysql" : "mariadb";
    Properties p = new Properties();
    p.setProperty("user", source.user());
    p.setProperty("password", password);
    p.setProperty("connectTimeout", String.valueOf(CONNECT_TIMEOUT_MS));
    return DriverManager.getConnection(
        "jdbc:" + scheme + "://" + source.host() + ":" + source.port() + "/", p);
  }
}
