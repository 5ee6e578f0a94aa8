package io.widerow.hbase;

import io.widerow.core.row.CellOrigin;
import io.widerow.core.row.CellQualifier;
import io.widerow.core.row.CellScan.Pages;
import io.widerow.core.row.CellScan.Summary;
import io.widerow.core.row.CellScan.TableCell;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.hadoop.hbase.Cell;
import org.apache.hadoop.hbase.CellUtil;
import org.apache.hadoop.hbase.TableName;
import org.apache.hadoop.hbase.client.Connection;
import org.apache.hadoop.hbase.client.Get;
import org.apache.hadoop.hbase.client.Result;
import org.apache.hadoop.hbase.client.ResultScanner;
import org.apache.hadoop.hbase.client.Scan;
import org.apache.hadoop.hbase.client.Table;
import org.apache.hadoop.hbase.filter.ColumnPrefixFilter;
import org.apache.hadoop.hbase.filter.FilterList;
import org.apache.hadoop.hbase.filter.KeyOnlyFilter;
import org.apache.hadoop.hbase.util.Bytes;

/**
 * Finds the live cells one physical table wrote. Scans one logical table's cells (family {@code d},
 * qualifiers {@code <table>…}, keys only: the region servers send each value's length, never the
 * row), then reads the origins of each page's live cells: a cell is the physical table's when its
 * origin names it and was written at the cell's very version. A live cell without an origin of its
 * own version (written before origins were recorded, or by a repair) cannot be told and is counted
 * as unattributed.
 */
final class OriginScan {

  private final Connection connection;
  private final TableName tableName;
  private final int pageSize;

  OriginScan(Connection connection, TableName tableName, int pageSize) {
    this.connection = connection;
    this.tableName = tableName;
    this.pageSize = pageSize;
  }

  Summary liveCellsOf(String logicalTable, String database, String table, Pages pages)
      throws Exception {
    long handed = 0;
    long unattributed = 0;
    Scan scan =
        new Scan()
            .addFamily(WideTableSchema.DATA)
            .setFilter(
                new FilterList(
                    FilterList.Operator.MUST_PASS_ALL,
                    new ColumnPrefixFilter(Bytes.toBytes(logicalTable)),
                    new KeyOnlyFilter(true)))
            .setCaching(pageSize);
    try (Table t = connection.getTable(tableName);
        ResultScanner scanner = t.getScanner(scan)) {
      List<TableCell> live = new ArrayList<>(pageSize);
      for (Result result : scanner) {
        for (Cell cell : result.rawCells()) {
          String qualifier = Bytes.toString(CellUtil.cloneQualifier(cell));
          // The prefix also matches other tables whose name starts alike.
          if (CellQualifier.table(qualifier).equals(logicalTable) && !isTombstone(cell)) {
            live.add(
                new TableCell(Bytes.toString(result.getRow()), qualifier, cell.getTimestamp()));
          }
        }
        if (live.size() >= pageSize) {
          long[] counts = settle(t, live, database, table, pages);
          handed += counts[0];
          unattributed += counts[1];
          live = new ArrayList<>(pageSize);
        }
      }
      long[] counts = settle(t, live, database, table, pages);
      handed += counts[0];
      unattributed += counts[1];
    }
    return new Summary(handed, unattributed);
  }

  /** Hands over the page's cells of the physical table; returns {handed, unattributed}. */
  private static long[] settle(
      Table t, List<TableCell> live, String database, String table, Pages pages) throws Exception {
    if (live.isEmpty()) {
      return new long[] {0, 0};
    }
    Map<String, Get> gets = new LinkedHashMap<>();
    for (TableCell c : live) {
      gets.computeIfAbsent(c.rowkey(), r -> new Get(Bytes.toBytes(r)))
          .addColumn(WideTableSchema.META, WideTableSchema.originQualifier(c.qualifier()));
    }
    List<String> rowkeys = List.copyOf(gets.keySet());
    Result[] results = t.get(List.copyOf(gets.values()));
    Map<String, Result> byRow = new LinkedHashMap<>();
    for (int i = 0; i < rowkeys.size(); i++) {
      byRow.put(rowkeys.get(i), results[i]);
    }
    List<TableCell> ours = new ArrayList<>();
    long unattributed = 0;
    for (TableCell c : live) {
      Optional<Cell> stored = originCell(byRow.get(c.rowkey()), c.qualifier());
      if (stored.isEmpty() || stored.get().getTimestamp() != c.version()) {
        unattributed++;
        continue;
      }
      Optional<CellOrigin> origin = CellOrigin.decode(CellUtil.cloneValue(stored.get()));
      if (origin.isEmpty()) {
        unattributed++;
      } else if (origin.get().database().equals(database) && origin.get().table().equals(table)) {
        ours.add(c);
      }
    }
    if (!ours.isEmpty()) {
      pages.accept(ours);
    }
    return new long[] {ours.size(), unattributed};
  }

  private static Optional<Cell> originCell(Result result, String qualifier) {
    if (result == null || result.isEmpty()) {
      return Optional.empty();
    }
    return Optional.ofNullable(
        result.getColumnLatestCell(
            WideTableSchema.META, WideTableSchema.originQualifier(qualifier)));
  }

  /** With {@code KeyOnlyFilter(true)} a value is replaced by its length: a tombstone's is 0. */
  private static boolean isTombstone(Cell cell) {
    return cell.getValueLength() == Bytes.SIZEOF_INT
        && Bytes.toInt(cell.getValueArray(), cell.getValueOffset()) == 0;
  }
}
