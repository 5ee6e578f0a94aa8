package io.widerow.ingest.jdbc;

import io.widerow.core.pipeline.Pipeline;
import io.widerow.core.pipeline.Source;
import io.widerow.core.pipeline.TableSpec;
import io.widerow.core.service.FatalException;
import io.widerow.ingest.debezium.SourceFailures;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Checks at start-up, before any CDC engine opens, that each source accepts the pipeline's user and
 * holds what the pipeline names. The engine itself would start happily on a pattern that matches
 * nothing and capture nothing, forever; so a listed database that does not exist, and a logical
 * table whose pattern matches no table on any source, are fatal, and so are refused credentials.
 * Any other SQL failure (server not up yet) is thrown as it is, for the caller to retry.
 */
public final class SourceCheck {

  /** Schemas of the server itself, never captured. */
  private static final Set<String> SYSTEM_SCHEMAS =
      Set.of("mysql", "information_schema", "performance_schema", "sys");

  private static final int CONNECT_TIMEOUT_MS = 10_000;

  private SourceCheck() {}

  /**
   * @param passwords each source's password, already read from its environment variable
   */
  public static void verify(Pipeline pipeline, Map<Source, String> passwords) throws SQLException {
    Map<Source, Set<String>> tables = new LinkedHashMap<>();
    for (Map.Entry<Source, String> entry : passwords.entrySet()) {
      tables.put(entry.getKey(), tablesOf(pipeline, entry.getKey(), entry.getValue()));
    }
    List<String> problems = unmatchedTables(pipeline, tables);
    if (!problems.isEmpty()) {
      throw new FatalException(String.join("; ", problems));
    }
  }

  /**
   * The logical tables whose pattern matches none of the sources' tables, each as a message naming
   * the pattern and where it looked.
   *
   * @param tables per source, its capturable tables as {@code database.table}
   */
  static List<String> unmatchedTables(Pipeline pipeline, Map<Source, Set<String>> tables) {
    List<String> problems = new ArrayList<>();
    for (TableSpec spec : pipeline.tables().values()) {
      boolean matched =
          tables.values().stream()
              .flatMap(Set::stream)
              .anyMatch(t -> spec.physical().matcher(t).matches());
      if (!matched) {
        problems.add(
            "tables."
                + spec.name()
                + ".physical: pattern '"
                + spec.physical().pattern()
                + "' matches no table on "
                + describe(tables.keySet())
                + "; expected at least one existing table (create it, or fix the pattern)");
      }
    }
    return problems;
  }

  private static String describe(Set<Source> sources) {
    return sources.stream()
        .map(
            s ->
                "source "
                    + s.name()
                    + " ("
                    + s.host()
                    + ":"
                    + s.port()
                    + (s.databases().isEmpty() ? "" : ", databases " + s.databases())
                    + ")")
        .collect(Collectors.joining(", "));
  }

  /** The source's tables the engine could capture, as {@code database.table}. */
  static Set<String> tablesOf(Pipeline pipeline, Source source, String password)
      throws SQLException {
    try (Connection c = connect(source, password);
        Statement s = c.createStatement()) {
      Set<String> databases = new LinkedHashSet<>();
      try (ResultSet rs = s.executeQuery("SELECT SCHEMA_NAME FROM information_schema.SCHEMATA")) {
        while (rs.next()) {
          databases.add(rs.getString(1));
        }
      }
      for (String wanted : source.databases()) {
        if (!databases.contains(wanted)) {
          throw new FatalException(
              "sources."
                  + source.name()
                  + ".databases: database '"
                  + wanted
                  + "' does not exist on "
                  + source.host()
                  + ":"
                  + source.port()
                  + " (or user '"
                  + source.user()
                  + "' may not see it); expected an existing database");
        }
      }
      Set<String> tables = new LinkedHashSet<>();
      try (ResultSet rs =
          s.executeQuery(
              "SELECT TABLE_SCHEMA, TABLE_NAME FROM information_schema.TABLES"
                  + " WHERE TABLE_TYPE = 'BASE TABLE'")) {
        while (rs.next()) {
          String database = rs.getString(1);
          if (captures(source, database)) {
            tables.add(database + "." + rs.getString(2));
          }
        }
      }
      return tables;
    } catch (SQLException e) {
      Throwable sorted = SourceFailures.classify(pipeline, source, null, e);
      if (sorted instanceof FatalException fatal) {
        throw fatal;
      }
      throw e;
    }
  }

  private static boolean captures(Source source, String database) {
    return source.databases().isEmpty()
        ? !SYSTEM_SCHEMAS.contains(database.toLowerCase(java.util.Locale.ROOT))
        : source.databases().contains(database);
  }

  static Connection connect(Source source, String password) throws SQLException {
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
