package io.widerow.verify.hbase;

import io.widerow.core.pipeline.HBaseSpec;
import io.widerow.core.row.RowWrite;
import io.widerow.core.row.WideRow;
import io.widerow.core.row.WideRowStore;
import io.widerow.hbase.HBaseClients;
import io.widerow.hbase.HBaseWideRowStore;
import io.widerow.hbase.WideTableSchema;
import io.widerow.verify.BatchConsumer;
import io.widerow.verify.RowScan;
import io.widerow.verify.VerifyConfigException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.hbase.Cell;
import org.apache.hadoop.hbase.TableName;
import org.apache.hadoop.hbase.client.Admin;
import org.apache.hadoop.hbase.client.Connection;
import org.apache.hadoop.hbase.client.Get;
import org.apache.hadoop.hbase.client.Increment;
import org.apache.hadoop.hbase.client.Result;
import org.apache.hadoop.hbase.client.ResultScanner;
import org.apache.hadoop.hbase.client.Scan;
import org.apache.hadoop.hbase.client.Table;
import org.apache.hadoop.hbase.filter.KeyOnlyFilter;
import org.apache.hadoop.hbase.util.Bytes;

/**
 * The wide table for verify: reads and writes through {@link HBaseWideRowStore}, plus a scan for
 * rows holding live cells. Unlike the services it never creates the table: a missing table is a
 * configuration error, not thousands of missing rows.
 */
public final class HBaseVerifyStore implements WideRowStore, RowScan {

  private final Connection connection;
  private final TableName tableName;
  private final HBaseWideRowStore rows;

  private HBaseVerifyStore(Connection connection, TableName tableName) {
    this.connection = connection;
    this.tableName = tableName;
    this.rows = new HBaseWideRowStore(connection, tableName, false);
  }

  public static HBaseVerifyStore open(HBaseSpec spec) throws IOException {
    Connection connection = HBaseClients.connect(spec);
    TableName name = WideTableSchema.tableName(spec);
    try (Admin admin = connection.getAdmin()) {
      if (!admin.tableExists(name)) {
        throw new VerifyConfigException(
            "hbase: table '" + spec.qualifiedTable() + "' does not exist; expected the pipeline's");
      }
    } catch (IOException | RuntimeException e) {
      connection.close();
      throw e;
    }
    return new HBaseVerifyStore(connection, name);
  }

  @Override
  public void write(List<RowWrite> writes) throws IOException {
    rows.write(writes);
  }

  @Override
  public Map<String, Long> bumpVersions(Collection<String> rowkeys) throws IOException {
    throw new UnsupportedOperationException("verify never bumps versions; the merger does");
  }

  @Override
  public List<WideRow> read(List<String> rowkeys) throws IOException {
    return rows.read(rowkeys);
  }

  /**
   * Raises each row's {@code m:v} to at least its given version, by an atomic Increment of the
   * difference to what was read: a bump by the merger in between only adds, so the result is never
   * below the target and {@code m:v} never goes down.
   */
  public void raiseVersions(Map<String, Long> atLeast) throws IOException {
    List<String> rowkeys = List.copyOf(atLeast.keySet());
    List<Get> gets = new ArrayList<>(rowkeys.size());
    for (String rowkey : rowkeys) {
      gets.add(
          new Get(Bytes.toBytes(rowkey)).addColumn(WideTableSchema.META, WideTableSchema.VERSION));
    }
    try (Table table = connection.getTable(tableName)) {
      Result[] current = table.get(gets);
      List<Increment> increments = new ArrayList<>();
      for (int i = 0; i < rowkeys.size(); i++) {
        byte[] value = current[i].getValue(WideTableSchema.META, WideTableSchema.VERSION);
        long delta = atLeast.get(rowkeys.get(i)) - (value == null ? 0 : Bytes.toLong(value));
        if (delta > 0) {
          increments.add(
              new Increment(Bytes.toBytes(rowkeys.get(i)))
                  .addColumn(WideTableSchema.META, WideTableSchema.VERSION, delta));
        }
      }
      if (!increments.isEmpty()) {
        table.batch(increments, new Object[increments.size()]);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while raising versions", e);
    }
  }

  /**
   * Scans family {@code d} keys only: with {@code KeyOnlyFilter(true)} each value is replaced by
   * its length, so a tombstone (zero bytes) is told from a live cell without reading payloads.
   */
  @Override
  public void scanLiveRowkeys(int batchSize, BatchConsumer batches) throws Exception {
    Scan scan =
        new Scan()
            .addFamily(WideTableSchema.DATA)
            .setFilter(new KeyOnlyFilter(true))
            .setCaching(batchSize);
    List<String> batch = new ArrayList<>(batchSize);
    try (Table table = connection.getTable(tableName);
        ResultScanner scanner = table.getScanner(scan)) {
      for (Result result : scanner) {
        if (hasLiveCell(result)) {
          batch.add(Bytes.toString(result.getRow()));
        }
        if (batch.size() == batchSize) {
          batches.accept(batch);
          batch = new ArrayList<>(batchSize);
        }
      }
    }
    if (!batch.isEmpty()) {
      batches.accept(batch);
    }
  }

  private static boolean hasLiveCell(Result result) {
    for (Cell cell : result.rawCells()) {
      if (cell.getValueLength() == Bytes.SIZEOF_INT
          && Bytes.toInt(cell.getValueArray(), cell.getValueOffset()) > 0) {
        return true;
      }
    }
    return false;
  }

  @Override
  public void close() throws IOException {
    connection.close();
  }
}
