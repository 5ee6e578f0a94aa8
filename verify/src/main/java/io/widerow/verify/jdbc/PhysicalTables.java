package io.widerow.verify.jdbc;

import io.widerow.core.change.BinlogPosition;
import io.widerow.core.pipeline.Pipeline;
import io.widerow.core.pipeline.Source;
import io.widerow.core.pipeline.TableSpec;
import io.widerow.core.pipeline.VersionSource;
import io.widerow.verify.VerifyConfigException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Finds a source's physical shards of the pipeline's tables in information_schema. */
final class PhysicalTables {

  private static final Set<String> SYSTEM_SCHEMAS =
      Set.of("mysql", "information_schema", "performance_schema", "sys");

  private PhysicalTables() {}

  static List<PhysicalTable> discover(Pipeline pipeline, Source source, Connection connection)
      throws SQLException {
    BinlogPosition readAt = needsPosition(pipeline) ? position(source, connection) : null;
    List<PhysicalTable> tables = new ArrayList<>();
    String sql =
        "SELECT table_schema, table_name, COALESCE(table_rows, 0) FROM information_schema.tables"
            + " WHERE table_type = 'BASE TABLE' ORDER BY table_schema, table_name";
    try (Statement st = connection.createStatement();
        ResultSet rs = st.executeQuery(sql)) {
      while (rs.next()) {
        String database = rs.getString(1);
        String table = rs.getString(2);
        if (SYSTEM_SCHEMAS.contains(database.toLowerCase())
            || (!source.databases().isEmpty() && !source.databases().contains(database))) {
          continue;
        }
        Optional<TableSpec> spec = pipeline.tableFor(database, table);
        if (spec.isPresent()) {
          tables.add(
              new PhysicalTable(
                  source, database, table, spec.get(), List.of(), rs.getLong(3), readAt));
        }
      }
    }
    List<PhysicalTable> described = new ArrayList<>(tables.size());
    for (PhysicalTable t : tables) {
      described.add(
          new PhysicalTable(
              source,
              t.database(),
              t.table(),
              t.spec(),
              columns(connection, t),
              t.estimatedRows(),
              readAt));
    }
    return described;
  }

  private static List<Column> columns(Connection connection, PhysicalTable t) throws SQLException {
    List<Column> all = new ArrayList<>();
    String sql =
        "SELECT column_name, LOWER(data_type), LOWER(column_type),"
            + " COALESCE(datetime_precision, 0) FROM information_schema.columns"
            + " WHERE table_schema = ? AND table_name = ? ORDER BY ordinal_position";
    try (PreparedStatement st = connection.prepareStatement(sql)) {
      st.setString(1, t.database());
      st.setString(2, t.table());
      try (ResultSet rs = st.executeQuery()) {
        while (rs.next()) {
          all.add(new Column(rs.getString(1), rs.getString(2), rs.getString(3), rs.getInt(4)));
        }
      }
    }
    TableSpec spec = t.spec();
    Set<String> needed = new LinkedHashSet<>();
    needed.add(spec.keyColumn());
    needed.addAll(spec.primaryKey());
    if (spec.version() instanceof VersionSource.Column c) {
      needed.add(c.column());
    }
    List<String> names = all.stream().map(Column::name).toList();
    for (String column : needed) {
      if (!names.contains(column)) {
        throw new VerifyConfigException(
            "tables."
                + spec.name()
                + ": column '"
                + column
                + "' not found in "
                + t.database()
                + "."
                + t.table()
                + "; expected one of "
                + String.join(", ", names));
      }
    }
    return all.stream().filter(c -> needed.contains(c.name()) || spec.keeps(c.name())).toList();
  }

  private static boolean needsPosition(Pipeline pipeline) {
    return pipeline.tables().values().stream()
        .anyMatch(t -> t.version() instanceof VersionSource.BinlogPosition);
  }

  /** Read before any row, so that every row read is at or after it, as in Debezium's snapshot. */
  private static BinlogPosition position(Source source, Connection connection) throws SQLException {
    try (Statement st = connection.createStatement();
        ResultSet rs = st.executeQuery("SHOW MASTER STATUS")) {
      if (!rs.next()) {
        throw new VerifyConfigException(
            "sources."
                + source.name()
                + ": the server has no binary log; expected log_bin on for binlog-versioned"
                + " tables");
      }
      String file = rs.getString("File");
      long fileNumber =
          BinlogPosition.fileNumberOf(file)
              .orElseThrow(
                  () ->
                      new VerifyConfigException(
                          "sources."
                              + source.name()
                              + ": binlog file '"
                              + file
                              + "' has no number"));
      return new BinlogPosition(fileNumber, rs.getLong("Position"), 0);
    }
  }
}
