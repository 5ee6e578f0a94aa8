package io.widerow.ingest.jdbc;

import io.widerow.core.pipeline.Pipeline;
import io.widerow.core.pipeline.Source;
import io.widerow.core.pipeline.TableSpec;
import io.widerow.ingest.debezium.EngineProperties;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A pipeline's Debezium signal table on a source server ({@code widerow.signal_<pipeline>}),
 * through which an incremental snapshot is asked for, and the record of which tables a pipeline
 * captured at its last start ({@code widerow.captured_tables}), so that a restart with a wider
 * pipeline file snapshots only what is new.
 *
 * <p>Ingest creates both as the pipeline's user when missing, which needs {@code CREATE, SELECT,
 * INSERT, UPDATE, DELETE ON widerow.*}; the table is created through the binlog, so that the engine
 * learns its columns from the DDL like any other table's. Without the grant, ingest runs without
 * incremental snapshots and says so once.
 */
public final class SignalTable {

  static final String DATABASE = EngineProperties.SIGNAL_DATABASE;
  static final String LEDGER = DATABASE + ".captured_tables";

  private static final Logger LOG = LoggerFactory.getLogger(SignalTable.class);

  private SignalTable() {}

  /** The SQL an administrator runs to let {@code user} use the signal table. */
  public static String grantFor(String user) {
    return "GRANT CREATE, SELECT, INSERT, UPDATE, DELETE ON "
        + DATABASE
        + ".* TO '"
        + user
        + "'@'%'";
  }

  /**
   * Creates the signal and ledger tables when missing and checks the user may write them.
   *
   * @return whether incremental snapshots can be asked for on this source
   */
  public static boolean ensure(Pipeline pipeline, Source source, String password) {
    String collection = EngineProperties.signalTable(pipeline);
    try (Connection c = SourceCheck.connect(source, password);
        Statement s = c.createStatement()) {
      s.execute("CREATE DATABASE IF NOT EXISTS " + DATABASE);
      if (!exists(c, collection.substring(DATABASE.length() + 1))) {
        s.execute(
            "CREATE TABLE "
                + collection
                + " (id VARCHAR(64) PRIMARY KEY, type VARCHAR(32) NOT NULL, data TEXT NULL)");
      }
      s.execute(
          "CREATE TABLE IF NOT EXISTS "
              + LEDGER
              + " (pipeline VARCHAR(190) NOT NULL, source VARCHAR(190) NOT NULL,"
              + " captured MEDIUMTEXT NOT NULL, PRIMARY KEY (pipeline, source))");
      // Inserts nothing, but is refused without INSERT: Debezium writes its watermarks here.
      s.execute("INSERT INTO " + collection + " SELECT * FROM " + collection + " WHERE 1 = 0");
      return true;
    } catch (SQLException e) {
      LOG.warn(
          "source {}: incremental snapshots are off (widerow snapshot will not work): user '{}'"
              + " cannot create or write {}: {}; to turn them on, run as an administrator: {}",
          source.name(),
          source.user(),
          collection,
          e.getMessage(),
          grantFor(source.user()));
      return false;
    }
  }

  private static boolean exists(Connection c, String table) throws SQLException {
    try (PreparedStatement p =
        c.prepareStatement(
            "SELECT 1 FROM information_schema.TABLES WHERE TABLE_SCHEMA = ? AND TABLE_NAME = ?")) {
      p.setString(1, DATABASE);
      p.setString(2, table);
      try (ResultSet r = p.executeQuery()) {
        return r.next();
      }
    }
  }

  /** The source's tables the pipeline captures now (its patterns over the capturable tables). */
  public static Set<String> captured(Pipeline pipeline, Source source, String password)
      throws SQLException {
    Set<String> captured = new TreeSet<>();
    for (String table : SourceCheck.tablesOf(pipeline, source, password)) {
      for (TableSpec spec : pipeline.tables().values()) {
        if (spec.physical().matcher(table).matches()) {
          captured.add(table);
        }
      }
    }
    return captured;
  }

  /** What the last start recorded; empty when the pipeline never started on this source. */
  public static Optional<Set<String>> capturedBefore(
      Pipeline pipeline, Source source, String password) throws SQLException {
    try (Connection c = SourceCheck.connect(source, password);
        PreparedStatement p =
            c.prepareStatement(
                "SELECT captured FROM " + LEDGER + " WHERE pipeline = ? AND source = ?")) {
      p.setString(1, pipeline.name());
      p.setString(2, source.name());
      try (ResultSet r = p.executeQuery()) {
        if (!r.next()) {
          return Optional.empty();
        }
        Set<String> tables = new TreeSet<>();
        for (String t : r.getString(1).split("\n")) {
          if (!t.isBlank()) {
            tables.add(t);
          }
        }
        return Optional.of(tables);
      }
    }
  }

  public static void record(Pipeline pipeline, Source source, String password, Set<String> tables)
      throws SQLException {
    try (Connection c = SourceCheck.connect(source, password);
        PreparedStatement p =
            c.prepareStatement(
                "REPLACE INTO " + LEDGER + " (pipeline, source, captured) VALUES (?, ?, ?)")) {
      p.setString(1, pipeline.name());
      p.setString(2, source.name());
      p.setString(3, String.join("\n", new TreeSet<>(tables)));
      p.executeUpdate();
    }
  }

  /**
   * Compares the tables the pipeline captures now with those its last start recorded, asks for an
   * incremental snapshot of the new ones, and records the current set. The first start records
   * only: its initial snapshot, or the binlog from a table's creation, covers every table.
   *
   * @return the tables a snapshot was asked for
   */
  public static Set<String> snapshotNewTables(Pipeline pipeline, Source source, String password)
      throws SQLException {
    Set<String> now = captured(pipeline, source, password);
    Optional<Set<String>> before = capturedBefore(pipeline, source, password);
    Set<String> added = new TreeSet<>(now);
    before.ifPresentOrElse(added::removeAll, added::clear);
    if (!added.isEmpty()) {
      try (Connection c = SourceCheck.connect(source, password)) {
        String id = requestSnapshot(c, pipeline, added);
        LOG.info(
            "source {}: {} table(s) new to the pipeline since its last start: incremental snapshot"
                + " {} asked for {}",
            source.name(),
            added.size(),
            id,
            added);
      }
    }
    record(pipeline, source, password, now);
    return added;
  }

  /**
   * Adds tables an operator had snapshotted to the record of a pipeline that has started, so the
   * next start does not snapshot them again; a pipeline that never started keeps no record.
   */
  public static void addToRecord(
      Pipeline pipeline, Source source, String password, Collection<String> tables)
      throws SQLException {
    Optional<Set<String>> before = capturedBefore(pipeline, source, password);
    if (before.isPresent()) {
      Set<String> merged = new TreeSet<>(before.get());
      merged.addAll(tables);
      record(pipeline, source, password, merged);
    }
  }

  /**
   * Asks the source's engine for an incremental snapshot of {@code tables} ({@code db.table}); it
   * reads the signal from the binlog, so this works whether the engine runs yet or not.
   *
   * @return the signal's id
   */
  public static String requestSnapshot(Connection c, Pipeline pipeline, Collection<String> tables)
      throws SQLException {
    String id = "widerow-" + UUID.randomUUID();
    try (PreparedStatement p =
        c.prepareStatement(
            "INSERT INTO "
                + EngineProperties.signalTable(pipeline)
                + " (id, type, data) VALUES (?, ?, ?)")) {
      p.setString(1, id);
      p.setString(2, "execute-snapshot");
      p.setString(3, snapshotData(tables));
      p.executeUpdate();
    }
    return id;
  }

  /** {@code {"data-collections": [...], "type": "incremental"}}. */
  static String snapshotData(Collection<String> tables) {
    List<String> quoted = new ArrayList<>();
    for (String t : tables) {
      quoted.add("\"" + t.replace("\\", "\\\\").replace("\"", "\\\"") + "\"");
    }
    return "{\"data-collections\": [" + String.join(", ", quoted) + "], \"type\": \"incremental\"}";
  }

  /** Debezium's watermark rows that closed a chunk window: how many chunks were read. */
  public static long closedWindows(Connection c, Pipeline pipeline) throws SQLException {
    try (Statement s = c.createStatement();
        ResultSet r =
            s.executeQuery(
                "SELECT COUNT(*) FROM "
                    + EngineProperties.signalTable(pipeline)
                    + " WHERE type = 'snapshot-window-close'")) {
      r.next();
      return r.getLong(1);
    }
  }
}
