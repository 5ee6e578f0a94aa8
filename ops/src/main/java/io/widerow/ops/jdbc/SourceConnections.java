package io.widerow.ops.jdbc;

import io.widerow.core.pipeline.Source;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;
import java.util.function.Function;

/**
 * Opens a connection to a pipeline's source as its CDC user, with its TLS settings and its password
 * from its variable or file.
 */
public final class SourceConnections {

  private static final int CONNECT_TIMEOUT_MS = 10_000;

  private SourceConnections() {}

  public static Connection open(Source source, Function<String, String> environment)
      throws SQLException {
    // A missing variable or file is bad config (exit code 2), as for the services.
    String password = source.password().reveal(environment);
    String scheme = source.connector() == Source.Connector.MYSQL ? "mysql" : "mariadb";
    Properties p = new Properties();
    p.setProperty("user", source.user());
    p.setProperty("password", password);
    p.setProperty("connectTimeout", String.valueOf(CONNECT_TIMEOUT_MS));
    p.putAll(source.tls().jdbcDriverSettings());
    return DriverManager.getConnection(
        "jdbc:" + scheme + "://" + source.host() + ":" + source.port() + "/", p);
  }
}
