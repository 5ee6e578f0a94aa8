package io.widerow.e2e.disorder;

import io.widerow.core.change.BinlogPosition;
import io.widerow.core.change.ChangeEvent;
import io.widerow.core.change.ChangeEvent.Op;
import io.widerow.core.pipeline.Pipeline;
import io.widerow.core.pipeline.TableSpec;
import io.widerow.core.pipeline.TableSpec.Cardinality;
import io.widerow.core.row.SourceRow;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A simulated source database: it applies row changes in source order, hands out each change as the
 * ingest stage would read it ({@link ChangeEvent}), and keeps what the wide table must hold once
 * every change has arrived, in whatever order: per entity and cell, the live row at its version or
 * a tombstone at its delete's version.
 *
 * <p>Versions follow the pipeline's version-column contract: every update raises the row's {@code
 * version}; a delete is stored at {@code before.version + 1}; and <b>a re-insert of a deleted
 * primary key must carry a version above the delete's</b>, i.e. at least {@code before.version + 2}
 * (an application using a per-row counter keeps it across the delete, one using update time in ms
 * gets it from the clock). A re-insert at the delete's version would tie with the tombstone, and
 * which of two cells with equal timestamps HBase keeps is not defined once they meet in a
 * compaction. A row moved to another entity leaves a tombstone at the move's version behind.
 */
public final class SourceModel {

  /** One source row as the source holds it now; {@code live == false} after its delete. */
  public record Row(
      String table, String pk, String entity, boolean live, Map<String, Object> cols) {

    public long version() {
      return (Long) cols.get("version");
    }
  }

  private final Pipeline pipeline;
  private final String database;
  private final String shard;
  private final Map<String, Row> rows = new LinkedHashMap<>();
  private final Map<String, Long> deletedAt = new LinkedHashMap<>();
  private final Map<String, Map<String, SourceRow>> cells = new TreeMap<>();
  private long position;
  private long clockMs = 1_700_000_000_000L;

  /**
   * @param shardNo picks the physical database and table shard the changes claim to come from
   */
  public SourceModel(Pipeline pipeline, int shardNo) {
    this.pipeline = pipeline;
    this.database = "shop_" + (shardNo % 2);
    this.shard = "_" + ((shardNo / 2) % 2);
  }

  public Optional<Row> row(String table, String pk) {
    return Optional.ofNullable(rows.get(table + "/" + pk));
  }

  public List<Row> liveRows() {
    return rows.values().stream().filter(Row::live).toList();
  }

  /** The version a deleted row was buried at, if it was deleted. */
  public Optional<Long> deletedAt(String table, String pk) {
    return Optional.ofNullable(deletedAt.get(table + "/" + pk));
  }

  /** Inserts a row (new, or a re-insert of a deleted one: then above the delete's version). */
  public ChangeEvent insert(
      String table, String pk, String entity, long version, Map<String, Object> columns) {
    Long buried = deletedAt.get(table + "/" + pk);
    if (row(table, pk).map(Row::live).orElse(false) || (buried != null && version <= buried)) {
      throw new IllegalArgumentException(table + "/" + pk + " cannot be inserted at " + version);
    }
    Map<String, Object> after = withKeys(table, pk, entity, version, columns);
    rows.put(table + "/" + pk, new Row(table, pk, entity, true, after));
    putCell(entity, live(table, pk, after));
    return event(Op.CREATE, table, Map.of(), after);
  }

  /** Updates a live row's columns (possibly none but the version), raising the version by step. */
  public ChangeEvent update(String table, String pk, long step, Map<String, Object> changes) {
    Row before = liveRow(table, pk);
    Map<String, Object> after = new LinkedHashMap<>(before.cols());
    after.putAll(changes);
    after.put("version", before.version() + step);
    rows.put(table + "/" + pk, new Row(table, pk, before.entity(), true, after));
    putCell(before.entity(), live(table, pk, after));
    return event(Op.UPDATE, table, before.cols(), after);
  }

  /** Moves a MANY table's row to another entity: its old cell is buried at the new version. */
  public ChangeEvent move(String table, String pk, String toEntity, long step) {
    Row before = liveRow(table, pk);
    Map<String, Object> after = new LinkedHashMap<>(before.cols());
    after.put(spec(table).keyColumn(), toEntity);
    after.put("version", before.version() + step);
    rows.put(table + "/" + pk, new Row(table, pk, toEntity, true, after));
    putCell(
        before.entity(), SourceRow.tombstone(table, childKey(table, pk), before.version() + step));
    putCell(toEntity, live(table, pk, after));
    return event(Op.UPDATE, table, before.cols(), after);
  }

  public ChangeEvent delete(String table, String pk) {
    Row before = liveRow(table, pk);
    long buried = before.version() + 1;
    rows.put(table + "/" + pk, new Row(table, pk, before.entity(), false, before.cols()));
    deletedAt.put(table + "/" + pk, buried);
    putCell(before.entity(), SourceRow.tombstone(table, childKey(table, pk), buried));
    return event(Op.DELETE, table, before.cols(), Map.of());
  }

  /** What the wide table must hold per entity key: its cells by qualifier. */
  public Map<String, Map<String, SourceRow>> expectedCells() {
    Map<String, Map<String, SourceRow>> copy = new TreeMap<>();
    cells.forEach((entity, byQualifier) -> copy.put(entity, Map.copyOf(byQualifier)));
    return copy;
  }

  private Row liveRow(String table, String pk) {
    return row(table, pk)
        .filter(Row::live)
        .orElseThrow(() -> new IllegalArgumentException(table + "/" + pk + " is not live"));
  }

  private Map<String, Object> withKeys(
      String table, String pk, String entity, long version, Map<String, Object> columns) {
    TableSpec spec = spec(table);
    Map<String, Object> image = new LinkedHashMap<>();
    image.put(spec.primaryKey().get(0), pkValue(table, pk));
    image.put(spec.keyColumn(), entity);
    image.putAll(columns);
    image.put("version", version);
    return image;
  }

  /** An item's primary key is a BIGINT, as in the demo schema; the others are VARCHARs. */
  private static Object pkValue(String table, String pk) {
    return table.equals("order_item") ? (Object) Long.parseLong(pk) : pk;
  }

  private SourceRow live(String table, String pk, Map<String, Object> image) {
    TableSpec spec = spec(table);
    Map<String, Object> kept = new LinkedHashMap<>();
    image.forEach(
        (column, value) -> {
          if (spec.keeps(column)) {
            kept.put(column, value);
          }
        });
    return SourceRow.live(table, childKey(table, pk), (Long) image.get("version"), kept);
  }

  private String childKey(String table, String pk) {
    return spec(table).cardinality() == Cardinality.MANY ? pk : null;
  }

  private void putCell(String entity, SourceRow row) {
    cells.computeIfAbsent(entity, e -> new TreeMap<>()).put(row.qualifier(), row);
  }

  private TableSpec spec(String table) {
    return pipeline.table(table);
  }

  private ChangeEvent event(
      Op op, String table, Map<String, Object> before, Map<String, Object> after) {
    clockMs += 1000;
    position += 100;
    return new ChangeEvent(
        "shop",
        database,
        table + shard,
        op,
        before,
        after,
        new BinlogPosition(1, position, 0),
        clockMs);
  }
}
