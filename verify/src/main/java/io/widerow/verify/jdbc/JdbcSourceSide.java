package io.widerow.verify.jdbc;

import io.widerow.core.change.ChangeEvent;
import io.widerow.core.pipeline.Pipeline;
import io.widerow.core.pipeline.Source;
import io.widerow.verify.SourceSide;
import io.widerow.verify.VerifyConfigException;
import java.io.IOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.Function;

/**
 * {@link SourceSide} over the pipeline's MariaDB/MySQL sources, read with plain JDBC. A database
 * error leaves as an {@link IOException} with the error as its cause.
 */
public final class JdbcSourceSide implements SourceSide {

  private final Map<String, Connection> connections; // by source name, for lookups
  private final Function<String, String> environment;
  private final List<PhysicalTable> tables;

  private JdbcSourceSide(
      Map<String, Connection> connections,
      Function<String, String> environment,
      List<PhysicalTable> tables) {
    this.connections = connections;
    this.environment = environment;
    this.tables = List.copyOf(tables);
  }

  /**
   * Connects to every source and finds its shards of the pipeline's tables.
   *
   * @param environment where the sources' password variables are looked up
   * @throws VerifyConfigException when a password is unset or a table lacks a configured column
   */
  public static JdbcSourceSide open(Pipeline pipeline, Function<String, String> environment)
      throws IOException {
    Map<String, Connection> connections = new LinkedHashMap<>();
    List<PhysicalTable> tables = new ArrayList<>();
    try {
      for (Source source : pipeline.sources()) {
        Connection connection = connect(source, environment);
        connections.put(source.name(), connection);
        tables.addAll(PhysicalTables.discover(pipeline, source, connection));
      }
    } catch (SQLException | RuntimeException e) {
      try {
        closeAll(connections.values());
      } catch (SQLException closing) {
        e.addSuppressed(closing);
      }
      if (e instanceof SQLException sql) {
        throw failure(sql);
      }
      throw (RuntimeException) e;
    }
    return new JdbcSourceSide(connections, environment, tables);
  }

  @Override
  public List<RowCursor> openCursors() throws IOException {
    List<RowCursor> cursors = new ArrayList<>(tables.size());
    try {
      for (PhysicalTable table : tables) {
        cursors.add(new JdbcRowCursor(table, connect(table.source(), environment)));
      }
    } catch (SQLException | RuntimeException e) {
      for (RowCursor cursor : cursors) {
        try {
          cursor.close();
        } catch (IOException closing) {
          e.addSuppressed(closing);
        }
      }
      if (e instanceof SQLException sql) {
        throw failure(sql);
      }
      throw (RuntimeException) e;
    }
    return cursors;
  }

  @Override
  public List<ChangeEvent> rowsOf(Collection<String> keys) throws IOException {
    try {
      return read(keys);
    } catch (SQLException e) {
      throw failure(e);
    }
  }

  private List<ChangeEvent> read(Collection<String> keys) throws SQLException {
    List<ChangeEvent> events = new ArrayList<>();
    if (keys.isEmpty()) {
      return events;
    }
    String marks = String.join(", ", Collections.nCopies(keys.size(), "?"));
    for (PhysicalTable table : tables) {
      String sql =
          "SELECT "
              + table.selectList()
              + " FROM "
              + table.qualified()
              + " WHERE "
              + table.keyColumn()
              + " IN ("
              + marks
              + ")";
      try (PreparedStatement st = connections.get(table.source().name()).prepareStatement(sql)) {
        int i = 1;
        for (String key : keys) {
          st.setString(i++, key);
        }
        try (ResultSet rs = st.executeQuery()) {
          while (rs.next()) {
            events.add(table.event(rs));
          }
        }
      }
    }
    return events;
  }

  @Override
  public List<String> sampleKeys(int count) throws IOException {
    try {
      return sample(count);
    } catch (SQLException e) {
      throw failure(e);
    }
  }

  private List<String> sample(int count) throws SQLException {
    List<String> keys = new ArrayList<>();
    for (PhysicalTable table : tables) {
      if (!table.spec().root()) {
        continue;
      }
      Column key =
          table.columns().stream()
              .filter(c -> c.name().equals(table.spec().keyColumn()))
              .findFirst()
              .orElseThrow();
      String sql =
          "SELECT "
              + key.quoted()
              + " FROM "
              + table.qualified()
              + " ORDER BY RAND() LIMIT "
              + count;
      try (Statement st = connections.get(table.source().name()).createStatement();
          ResultSet rs = st.executeQuery(sql)) {
        while (rs.next()) {
          Object value = JdbcValues.read(rs, 1, key);
          if (value != null) {
            keys.add(String.valueOf(value));
          }
        }
      }
    }
    List<String> distinct = new ArrayList<>(new LinkedHashSet<>(keys));
    Collections.shuffle(distinct);
    return List.copyOf(distinct.subList(0, Math.min(count, distinct.size())));
  }

  @Override
  public long estimatedEntities() {
    return tables.stream()
        .filter(t -> t.spec().root())
        .mapToLong(PhysicalTable::estimatedRows)
        .sum();
  }

  @Override
  public void close() throws IOException {
    try {
      closeAll(connections.values());
    } catch (SQLException e) {
      throw failure(e);
    }
  }

  /** A database error as the {@link SourceSide} contract reports it. */
  static IOException failure(SQLException e) {
    return new IOException(e.toString(), e);
  }

  private static Connection connect(Source source, Function<String, String> environment)
      throws SQLException {
    // A missing variable or file is bad config (exit code 2), as for the services.
    String password = source.password().reveal(environment);
    Properties p = new Properties();
    p.setProperty("user", source.user());
    p.setProperty("password", password);
    p.setProperty("connectTimeout", "10000");
    p.putAll(source.tls().jdbcDriverSettings());
    Connection connection =
        DriverManager.getConnection(
            "jdbc:mariadb://" + source.host() + ":" + source.port() + "/", p);
    try (Statement st = connection.createStatement()) {
      // TIMESTAMP columns are then read as UTC, as the CDC adapter presents them.
      st.execute("SET time_zone = '+00:00'");
    } catch (SQLException e) {
      connection.close();
      throw e;
    }
    return connection;
  }

  private static void closeAll(Collection<Connection> connections) throws SQLException {
    SQLException first = null;
    for (Connection c : connections) {
      try {
        c.close();
      } catch (SQLException e) {
        first = first == null ? e : first;
      }
    }
    if (first != null) {
      throw first;
    }
  }
}
