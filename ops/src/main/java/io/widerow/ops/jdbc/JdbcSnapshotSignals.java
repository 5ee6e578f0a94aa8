package io.widerow.ops.jdbc;

import io.widerow.core.pipeline.Pipeline;
import io.widerow.core.pipeline.Source;
import io.widerow.ingest.debezium.EngineProperties;
import io.widerow.ingest.jdbc.SignalTable;
import io.widerow.ops.SnapshotSignals;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Collection;
import java.util.Set;
import java.util.function.Function;

/** {@link SnapshotSignals} over JDBC, with the pipeline's user of each source. */
public final class JdbcSnapshotSignals implements SnapshotSignals {

  private final Pipeline pipeline;
  private final Function<String, String> environment;

  public JdbcSnapshotSignals(Pipeline pipeline, Function<String, String> environment) {
    this.pipeline = pipeline;
    this.environment = environment;
  }

  private String password(Source source) {
    return source.password().reveal(environment);
  }

  @Override
  public boolean usable(Source source) {
    return SignalTable.ensure(pipeline, source, password(source));
  }

  @Override
  public String grantFor(Source source) {
    return SignalTable.grantFor(source.user());
  }

  @Override
  public Set<String> captured(Source source) throws SQLException {
    return SignalTable.captured(pipeline, source, password(source));
  }

  @Override
  public long rows(Source source, String table) throws SQLException {
    int dot = table.indexOf('.');
    String quoted = "`" + table.substring(0, dot) + "`.`" + table.substring(dot + 1) + "`";
    try (Connection c = SourceConnections.open(source, environment);
        Statement s = c.createStatement();
        ResultSet r = s.executeQuery("SELECT COUNT(*) FROM " + quoted)) {
      r.next();
      return r.getLong(1);
    }
  }

  @Override
  public String request(Source source, Collection<String> tables) throws SQLException {
    String id;
    try (Connection c = SourceConnections.open(source, environment)) {
      id = SignalTable.requestSnapshot(c, pipeline, tables);
    }
    // Snapshotted now, so not new at ingest's next start.
    SignalTable.addToRecord(pipeline, source, password(source), tables);
    return id;
  }

  @Override
  public long chunksRead(Source source) throws SQLException {
    try (Connection c = SourceConnections.open(source, environment)) {
      return SignalTable.closedWindows(c, pipeline);
    }
  }

  @Override
  public int chunkSize() {
    return EngineProperties.INCREMENTAL_CHUNK_SIZE;
  }
}
