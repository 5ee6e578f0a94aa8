package io.widerow.core.row;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.Optional;

/**
 * Where the source row behind one cell came from: the source, its physical {@code database.table},
 * the row's primary key, the binlog position and commit time of the change, and what the change
 * was. Stored next to the cell at the cell's version ({@code m:o:<qualifier>}), so that {@code
 * widerow explain} can say what wrote each cell and a TRUNCATE can find the cells of the truncated
 * table. Holds no column values.
 *
 * @param source the pipeline source (database instance)
 * @param primaryKey the row's primary key values, joined by commas; empty when not known
 * @param position the change's binlog position ({@code file:position#row}), or empty
 * @param commitTsMs when the change was committed at the source; 0 when not known
 * @param change what wrote the cell: {@code insert}, {@code update}, {@code delete}, {@code
 *     snapshot}, {@code moved} (the row's key changed, its old cell was buried) or {@code truncate}
 */
public record CellOrigin(
    String source,
    String database,
    String table,
    String primaryKey,
    String position,
    long commitTsMs,
    String change) {

  public static final String INSERT = "insert";
  public static final String UPDATE = "update";
  public static final String DELETE = "delete";
  public static final String SNAPSHOT = "snapshot";
  public static final String MOVED = "moved";
  public static final String TRUNCATE = "truncate";

  private static final ObjectMapper JSON = new ObjectMapper();

  public CellOrigin {
    source = nullToEmpty(source);
    database = nullToEmpty(database);
    table = nullToEmpty(table);
    primaryKey = nullToEmpty(primaryKey);
    position = nullToEmpty(position);
    change = nullToEmpty(change);
  }

  /** {@code database.table}, as the source names it. */
  public String physicalTable() {
    return database + "." + table;
  }

  /** Whether the cell this origin describes was written as a tombstone. */
  public boolean buried() {
    return change.equals(DELETE) || change.equals(MOVED) || change.equals(TRUNCATE);
  }

  /** A compact JSON object; short names, as one is stored with every cell. */
  public byte[] encode() {
    ObjectNode json = JSON.createObjectNode();
    json.put("src", source);
    json.put("db", database);
    json.put("tbl", table);
    json.put("pk", primaryKey);
    json.put("pos", position);
    json.put("ts", commitTsMs);
    json.put("op", change);
    try {
      return JSON.writeValueAsBytes(json);
    } catch (IOException e) {
      throw new IllegalStateException("origin is not serializable", e);
    }
  }

  /** The origin in {@code value}, or empty when it is not one (never thrown: it is advisory). */
  public static Optional<CellOrigin> decode(byte[] value) {
    try {
      JsonNode json = JSON.readTree(value);
      if (json == null || !json.isObject()) {
        return Optional.empty();
      }
      return Optional.of(
          new CellOrigin(
              json.path("src").asText(""),
              json.path("db").asText(""),
              json.path("tbl").asText(""),
              json.path("pk").asText(""),
              json.path("pos").asText(""),
              json.path("ts").asLong(0),
              json.path("op").asText("")));
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  private static String nullToEmpty(String s) {
    return s == null ? "" : s;
  }
}
