package io.widerow.ops.hbase;

import io.widerow.core.pipeline.HBaseSpec;
import io.widerow.core.row.CellOrigin;
import io.widerow.hbase.HBaseClients;
import io.widerow.hbase.WideTableSchema;
import io.widerow.ops.OpsException;
import io.widerow.ops.Tombstones;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.hbase.Cell;
import org.apache.hadoop.hbase.CellUtil;
import org.apache.hadoop.hbase.TableName;
import org.apache.hadoop.hbase.client.Admin;
import org.apache.hadoop.hbase.client.Connection;
import org.apache.hadoop.hbase.client.Delete;
import org.apache.hadoop.hbase.client.Result;
import org.apache.hadoop.hbase.client.ResultScanner;
import org.apache.hadoop.hbase.client.Scan;
import org.apache.hadoop.hbase.client.Table;
import org.apache.hadoop.hbase.util.Bytes;

/**
 * Finds the wide table's tombstone cells (an empty value in family {@code d}) with the commit time
 * of the delete their origin records, and deletes them with {@code Delete.addColumns(family,
 * qualifier, version)}: a marker that hides only versions at or below the tombstone's, so a row
 * re-inserted meanwhile at a higher version stays visible.
 */
public final class HBaseTombstoneStore implements Tombstones.Store {

  private final Connection connection;
  private final TableName tableName;

  private HBaseTombstoneStore(Connection connection, TableName tableName) {
    this.connection = connection;
    this.tableName = tableName;
  }

  public static HBaseTombstoneStore open(HBaseSpec spec) throws IOException {
    Connection connection = HBaseClients.connect(spec);
    TableName name = WideTableSchema.tableName(spec);
    try (Admin admin = connection.getAdmin()) {
      if (!admin.tableExists(name)) {
        throw new OpsException(
            "hbase: table '" + spec.qualifiedTable() + "' does not exist; expected the pipeline's");
      }
    } catch (IOException | RuntimeException e) {
      connection.close();
      throw e;
    }
    return new HBaseTombstoneStore(connection, name);
  }

  @Override
  public void scan(int batch, Tombstones.RowBatches rows) throws Exception {
    Scan scan =
        new Scan()
            .addFamily(WideTableSchema.DATA)
            .addFamily(WideTableSchema.META)
            .setCaching(batch)
            .setCacheBlocks(false);
    List<Tombstones.Row> found = new ArrayList<>(batch);
    int seen = 0;
    try (Table table = connection.getTable(tableName);
        ResultScanner scanner = table.getScanner(scan)) {
      for (Result result : scanner) {
        seen++;
        Tombstones.Row row = tombstonesOf(result);
        if (!row.cells().isEmpty()) {
          found.add(row);
        }
        if (seen == batch) {
          rows.accept(found);
          found = new ArrayList<>(batch);
          seen = 0;
        }
      }
    }
    rows.accept(found);
  }

  static Tombstones.Row tombstonesOf(Result result) {
    Map<String, Long> tombstones = new HashMap<>();
    Map<String, Cell> origins = new HashMap<>();
    long rowVersion = 0;
    for (Cell cell : result.rawCells()) {
      if (CellUtil.matchingFamily(cell, WideTableSchema.DATA)) {
        if (cell.getValueLength() == 0) {
          tombstones.put(Bytes.toString(CellUtil.cloneQualifier(cell)), cell.getTimestamp());
        }
      } else if (CellUtil.matchingColumn(cell, WideTableSchema.META, WideTableSchema.VERSION)) {
        rowVersion = Bytes.toLong(CellUtil.cloneValue(cell));
      } else {
        String of = WideTableSchema.cellOfOrigin(CellUtil.cloneQualifier(cell));
        if (of != null) {
          origins.put(of, cell);
        }
      }
    }
    List<Tombstones.Cell> cells = new ArrayList<>(tombstones.size());
    for (Map.Entry<String, Long> t : tombstones.entrySet()) {
      Cell origin = origins.get(t.getKey());
      long committed = 0;
      if (origin != null && origin.getTimestamp() == t.getValue()) {
        committed =
            CellOrigin.decode(CellUtil.cloneValue(origin)).map(CellOrigin::commitTsMs).orElse(0L);
      }
      cells.add(new Tombstones.Cell(t.getKey(), t.getValue(), committed));
    }
    return new Tombstones.Row(Bytes.toString(result.getRow()), rowVersion, cells);
  }

  @Override
  public void delete(List<Tombstones.Row> rows) throws IOException {
    if (rows.isEmpty()) {
      return;
    }
    List<Delete> deletes = new ArrayList<>(rows.size());
    for (Tombstones.Row row : rows) {
      Delete delete = new Delete(Bytes.toBytes(row.rowkey()));
      for (Tombstones.Cell cell : row.cells()) {
        delete.addColumns(WideTableSchema.DATA, Bytes.toBytes(cell.qualifier()), cell.version());
        delete.addColumns(
            WideTableSchema.META,
            WideTableSchema.originQualifier(cell.qualifier()),
            cell.version());
      }
      deletes.add(delete);
    }
    try (Table table = connection.getTable(tableName)) {
      table.delete(deletes);
    }
  }

  @Override
  public void close() throws IOException {
    connection.close();
  }
}
