package io.widerow.hbase;

import io.widerow.core.pipeline.HBaseSpec;
import io.widerow.core.retry.Retrier;
import io.widerow.core.row.CellCodec;
import io.widerow.core.row.CellOrigin;
import io.widerow.core.row.CellScan;
import io.widerow.core.row.RowWrite;
import io.widerow.core.row.SourceRow;
import io.widerow.core.row.StoredRow;
import io.widerow.core.row.WideRow;
import io.widerow.core.row.WideRowStore;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.hbase.Cell;
import org.apache.hadoop.hbase.CellUtil;
import org.apache.hadoop.hbase.TableName;
import org.apache.hadoop.hbase.client.Connection;
import org.apache.hadoop.hbase.client.Durability;
import org.apache.hadoop.hbase.client.Get;
import org.apache.hadoop.hbase.client.Increment;
import org.apache.hadoop.hbase.client.Put;
import org.apache.hadoop.hbase.client.Result;
import org.apache.hadoop.hbase.client.Table;
import org.apache.hadoop.hbase.util.Bytes;

/**
 * {@link WideRowStore} over one HBase table; calls are synchronous batches. Each cell's origin is
 * written in the same Put, as {@code m:o:<qualifier>} at the cell's version, so that a late older
 * event hides neither; the services' reads leave origins out.
 */
public final class HBaseWideRowStore implements WideRowStore, CellScan {

  private final Connection connection;
  private final TableName tableName;
  private final boolean ownsConnection;

  public HBaseWideRowStore(Connection connection, TableName tableName, boolean ownsConnection) {
    this.connection = connection;
    this.tableName = tableName;
    this.ownsConnection = ownsConnection;
  }

  /**
   * {@link #open(HBaseSpec)} at a service's start-up: an HBase still starting (or restarting) is
   * retried like any transient failure.
   */
  public static HBaseWideRowStore open(HBaseSpec spec, Retrier retrier) throws Exception {
    return retrier.call("open HBase table " + spec.qualifiedTable(), () -> open(spec));
  }

  /** Opens a connection for this store alone, creating the table when missing. */
  public static HBaseWideRowStore open(HBaseSpec spec) throws IOException {
    Connection connection = HBaseClients.connect(spec);
    try {
      WideTableSchema.ensureTable(connection, spec);
    } catch (IOException | RuntimeException e) {
      connection.close();
      throw e;
    }
    return new HBaseWideRowStore(connection, WideTableSchema.tableName(spec), true);
  }

  @Override
  public void write(List<RowWrite> writes) throws IOException {
    if (writes.isEmpty()) {
      return;
    }
    List<Put> puts = new ArrayList<>(writes.size());
    for (RowWrite w : writes) {
      SourceRow row = w.row();
      Put put =
          new Put(Bytes.toBytes(w.rowkey()))
              .addColumn(
                  WideTableSchema.DATA,
                  Bytes.toBytes(row.qualifier()),
                  row.version(),
                  CellCodec.encode(row))
              .setDurability(Durability.SYNC_WAL);
      if (w.origin() != null) {
        put.addColumn(
            WideTableSchema.META,
            WideTableSchema.originQualifier(row.qualifier()),
            row.version(),
            w.origin().encode());
      }
      puts.add(put);
    }
    try (Table table = connection.getTable(tableName)) {
      table.put(puts); // returns only when every Put is acknowledged, else throws
    }
  }

  @Override
  public Map<String, Long> bumpVersions(Collection<String> rowkeys) throws IOException {
    List<Increment> increments = new ArrayList<>(rowkeys.size());
    for (String rowkey : rowkeys) {
      increments.add(
          new Increment(Bytes.toBytes(rowkey))
              .addColumn(WideTableSchema.META, WideTableSchema.VERSION, 1));
    }
    Object[] results = new Object[increments.size()];
    try (Table table = connection.getTable(tableName)) {
      table.batch(increments, results);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while bumping versions", e);
    }
    Map<String, Long> versions = new LinkedHashMap<>();
    for (int i = 0; i < results.length; i++) {
      Result r = (Result) results[i];
      versions.put(
          Bytes.toString(r.getRow()),
          Bytes.toLong(r.getValue(WideTableSchema.META, WideTableSchema.VERSION)));
    }
    return versions;
  }

  @Override
  public List<WideRow> read(List<String> rowkeys) throws IOException {
    List<Get> gets = new ArrayList<>(rowkeys.size());
    for (String rowkey : rowkeys) {
      // m:v only: the origins are for explain, not for building documents.
      gets.add(
          new Get(Bytes.toBytes(rowkey))
              .addFamily(WideTableSchema.DATA)
              .addColumn(WideTableSchema.META, WideTableSchema.VERSION));
    }
    Result[] results;
    try (Table table = connection.getTable(tableName)) {
      // One row goes as one RPC; a list goes through the client's batch machinery (a thread
      // hand-off per call), which a key lookup of the query API would pay for nothing.
      results = gets.size() == 1 ? new Result[] {table.get(gets.get(0))} : table.get(gets);
    }
    List<WideRow> rows = new ArrayList<>(results.length);
    for (int i = 0; i < results.length; i++) {
      rows.add(toWideRow(rowkeys.get(i), results[i]));
    }
    return rows;
  }

  @Override
  public StoredRow readStored(String rowkey) throws IOException {
    Result result;
    try (Table table = connection.getTable(tableName)) {
      result =
          table.get(
              new Get(Bytes.toBytes(rowkey))
                  .addFamily(WideTableSchema.DATA)
                  .addFamily(WideTableSchema.META));
    }
    Map<String, StoredRow.StoredOrigin> origins = new LinkedHashMap<>();
    if (!result.isEmpty()) {
      for (Cell cell : result.rawCells()) {
        String qualifier =
            CellUtil.matchingFamily(cell, WideTableSchema.META)
                ? WideTableSchema.cellOfOrigin(CellUtil.cloneQualifier(cell))
                : null;
        if (qualifier != null) {
          CellOrigin.decode(CellUtil.cloneValue(cell))
              .ifPresent(
                  o -> origins.put(qualifier, new StoredRow.StoredOrigin(cell.getTimestamp(), o)));
        }
      }
    }
    return new StoredRow(toWideRow(rowkey, result), origins);
  }

  @Override
  public Summary liveCellsOf(
      String logicalTable, String database, String table, int pageSize, Pages pages)
      throws Exception {
    return new OriginScan(connection, tableName, pageSize)
        .liveCellsOf(logicalTable, database, table, pages);
  }

  /**
   * A row's cells and version. A cell that does not decode is set aside with the reason rather than
   * thrown: it fails the same way on every read, so throwing would stall its partition.
   */
  public static WideRow toWideRow(String rowkey, Result result) {
    Map<String, SourceRow> cells = new LinkedHashMap<>();
    Map<String, String> undecodable = new LinkedHashMap<>();
    long version = 0;
    if (result != null && !result.isEmpty()) {
      for (Cell cell : result.rawCells()) {
        if (CellUtil.matchingFamily(cell, WideTableSchema.DATA)) {
          String qualifier = Bytes.toString(CellUtil.cloneQualifier(cell));
          try {
            cells.put(
                qualifier,
                CellCodec.decode(qualifier, cell.getTimestamp(), CellUtil.cloneValue(cell)));
          } catch (RuntimeException e) {
            undecodable.put(qualifier, String.valueOf(e.getMessage()));
          }
        } else if (CellUtil.matchingColumn(cell, WideTableSchema.META, WideTableSchema.VERSION)) {
          version =
              cell.getValueLength() == Bytes.SIZEOF_LONG
                  ? Bytes.toLong(CellUtil.cloneValue(cell))
                  : 0;
        }
      }
    }
    return new WideRow(rowkey, version, cells, undecodable);
  }

  @Override
  public void close() throws IOException {
    if (ownsConnection) {
      connection.close();
    }
  }
}
