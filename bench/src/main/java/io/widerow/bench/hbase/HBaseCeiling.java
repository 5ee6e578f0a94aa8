package io.widerow.bench.hbase;

import io.widerow.core.pipeline.HBaseSpec;
import io.widerow.core.row.CellCodec;
import io.widerow.core.row.RowWrite;
import io.widerow.core.row.SourceRow;
import io.widerow.core.row.WideRow;
import io.widerow.core.row.WideRowStore;
import io.widerow.hbase.HBaseClients;
import io.widerow.hbase.HBaseWideRowStore;
import io.widerow.hbase.WideTableSchema;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.hbase.Cell;
import org.apache.hadoop.hbase.CellUtil;
import org.apache.hadoop.hbase.TableName;
import org.apache.hadoop.hbase.client.Admin;
import org.apache.hadoop.hbase.client.Connection;
import org.apache.hadoop.hbase.client.Result;
import org.apache.hadoop.hbase.client.ResultScanner;
import org.apache.hadoop.hbase.client.Scan;
import org.apache.hadoop.hbase.client.Table;
import org.apache.hadoop.hbase.util.Bytes;

/**
 * HBase writes alone: the measured pipeline's own cells, read back from its table, written again
 * with {@link WideRowStore#write} into a fresh table, in ingest's batch size and on one thread as
 * ingest does per source.
 */
public final class HBaseCeiling {

  /** Cells written and the time it took. */
  public record Rate(long cells, double seconds) {
    public double perSecond() {
      return seconds <= 0 ? 0 : cells / seconds;
    }
  }

  private HBaseCeiling() {}

  /** Reads whole rows of {@code spec}'s table until {@code maxCells} cells are in hand. */
  public static List<WideRow> readRows(HBaseSpec spec, long maxCells) throws IOException {
    List<WideRow> rows = new ArrayList<>();
    long cells = 0;
    try (Connection c = HBaseClients.connect(spec);
        Table table = c.getTable(WideTableSchema.tableName(spec));
        ResultScanner scanner = table.getScanner(new Scan().setCaching(1000))) {
      for (Result r : scanner) {
        WideRow row = toWideRow(r);
        rows.add(row);
        cells += row.cells().size();
        if (cells >= maxCells) {
          break;
        }
      }
    }
    return rows;
  }

  private static WideRow toWideRow(Result result) {
    Map<String, SourceRow> cells = new LinkedHashMap<>();
    long version = 0;
    for (Cell cell : result.rawCells()) {
      if (CellUtil.matchingFamily(cell, WideTableSchema.DATA)) {
        String qualifier = Bytes.toString(CellUtil.cloneQualifier(cell));
        cells.put(
            qualifier, CellCodec.decode(qualifier, cell.getTimestamp(), CellUtil.cloneValue(cell)));
      } else if (CellUtil.matchingColumn(cell, WideTableSchema.META, WideTableSchema.VERSION)) {
        version = Bytes.toLong(CellUtil.cloneValue(cell));
      }
    }
    return new WideRow(Bytes.toString(result.getRow()), version, cells);
  }

  /** Writes every cell of {@code rows} into {@code target} (created), {@code batch} at a time. */
  public static Rate write(HBaseSpec target, List<WideRow> rows, int batch) throws IOException {
    List<RowWrite> writes = new ArrayList<>();
    for (WideRow row : rows) {
      row.cells().values().forEach(cell -> writes.add(new RowWrite(row.rowkey(), cell)));
    }
    try (WideRowStore store = HBaseWideRowStore.open(target)) {
      long start = System.nanoTime();
      for (int i = 0; i < writes.size(); i += batch) {
        store.write(writes.subList(i, Math.min(writes.size(), i + batch)));
      }
      return new Rate(writes.size(), (System.nanoTime() - start) / 1e9);
    }
  }

  /** Disables and deletes the named tables of {@code spec}'s namespace; missing ones are fine. */
  public static void dropTables(HBaseSpec spec, List<String> tables) throws IOException {
    try (Connection c = HBaseClients.connect(spec);
        Admin admin = c.getAdmin()) {
      for (String t : tables) {
        TableName name = TableName.valueOf(spec.namespace(), t);
        if (admin.tableExists(name)) {
          if (admin.isTableEnabled(name)) {
            admin.disableTable(name);
          }
          admin.deleteTable(name);
        }
      }
    }
  }
}
