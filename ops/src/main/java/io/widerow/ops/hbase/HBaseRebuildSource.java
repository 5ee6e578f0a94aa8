package io.widerow.ops.hbase;

import io.widerow.core.pipeline.HBaseSpec;
import io.widerow.core.row.WideRow;
import io.widerow.hbase.HBaseClients;
import io.widerow.hbase.HBaseWideRowStore;
import io.widerow.hbase.WideTableSchema;
import io.widerow.ops.OpsException;
import io.widerow.ops.RebuildSource;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.hadoop.hbase.TableName;
import org.apache.hadoop.hbase.client.Admin;
import org.apache.hadoop.hbase.client.Connection;
import org.apache.hadoop.hbase.client.RegionLocator;
import org.apache.hadoop.hbase.client.Result;
import org.apache.hadoop.hbase.client.ResultScanner;
import org.apache.hadoop.hbase.client.Scan;
import org.apache.hadoop.hbase.client.Table;
import org.apache.hadoop.hbase.filter.KeyOnlyFilter;
import org.apache.hadoop.hbase.util.Bytes;
import org.apache.hadoop.hbase.util.Pair;

/**
 * Reads the wide table for a rebuild: one scan per region (the salt buckets pre-split it, so the
 * regions are as many as the buckets at least), a few at a time; and the rows whose {@code m:v}
 * cell was written since a moment, by a scan of that one column with a time range on the cells'
 * write timestamps (the merger's Increment stamps {@code m:v} with the region server's clock).
 */
public final class HBaseRebuildSource implements RebuildSource {

  private final Connection connection;
  private final TableName tableName;
  private final HBaseWideRowStore rows;

  private HBaseRebuildSource(Connection connection, TableName tableName) {
    this.connection = connection;
    this.tableName = tableName;
    this.rows = new HBaseWideRowStore(connection, tableName, false);
  }

  /** Opens the pipeline's table; a missing one is refused, never created. */
  public static HBaseRebuildSource open(HBaseSpec spec) throws IOException {
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
    return new HBaseRebuildSource(connection, name);
  }

  @Override
  public void scanAll(int parallelism, int batch, RowBatches consumer) throws Exception {
    List<Pair<byte[], byte[]>> regions = new ArrayList<>();
    try (RegionLocator locator = connection.getRegionLocator(tableName)) {
      Pair<byte[][], byte[][]> keys = locator.getStartEndKeys();
      for (int i = 0; i < keys.getFirst().length; i++) {
        regions.add(new Pair<>(keys.getFirst()[i], keys.getSecond()[i]));
      }
    }
    ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, parallelism));
    try {
      List<Future<?>> scans = new ArrayList<>();
      for (Pair<byte[], byte[]> region : regions) {
        scans.add(
            pool.submit(
                () -> {
                  scanRegion(region.getFirst(), region.getSecond(), batch, consumer);
                  return null;
                }));
      }
      for (Future<?> scan : scans) {
        try {
          scan.get();
        } catch (ExecutionException e) {
          pool.shutdownNow();
          throw e.getCause() instanceof Exception cause ? cause : e;
        }
      }
    } finally {
      pool.shutdownNow();
    }
  }

  private void scanRegion(byte[] start, byte[] stop, int batch, RowBatches consumer)
      throws Exception {
    // Whole rows only (no setBatch): each Result is one row as it was at one moment, cells and
    // m:v together, as the indexer's Get reads it.
    Scan scan =
        new Scan()
            .withStartRow(start)
            .withStopRow(stop)
            .addFamily(WideTableSchema.DATA)
            .addColumn(WideTableSchema.META, WideTableSchema.VERSION)
            .setCaching(batch)
            .setCacheBlocks(false);
    List<WideRow> rowsOfBatch = new ArrayList<>(batch);
    try (Table table = connection.getTable(tableName);
        ResultScanner scanner = table.getScanner(scan)) {
      for (Result result : scanner) {
        rowsOfBatch.add(HBaseWideRowStore.toWideRow(Bytes.toString(result.getRow()), result));
        if (rowsOfBatch.size() == batch) {
          consumer.accept(rowsOfBatch);
          rowsOfBatch = new ArrayList<>(batch);
        }
      }
    }
    if (!rowsOfBatch.isEmpty()) {
      consumer.accept(rowsOfBatch);
    }
  }

  @Override
  public void scanBumpedSince(long sinceMs, int batch, RowBatches consumer) throws Exception {
    Scan scan =
        new Scan()
            .addColumn(WideTableSchema.META, WideTableSchema.VERSION)
            .setTimeRange(sinceMs, Long.MAX_VALUE)
            .setFilter(new KeyOnlyFilter())
            .setCaching(batch)
            .setCacheBlocks(false);
    List<String> rowkeys = new ArrayList<>(batch);
    try (Table table = connection.getTable(tableName);
        ResultScanner scanner = table.getScanner(scan)) {
      for (Result result : scanner) {
        rowkeys.add(Bytes.toString(result.getRow()));
        if (rowkeys.size() == batch) {
          consumer.accept(rows.read(rowkeys));
          rowkeys = new ArrayList<>(batch);
        }
      }
    }
    if (!rowkeys.isEmpty()) {
      consumer.accept(rows.read(rowkeys));
    }
  }

  @Override
  public void close() throws IOException {
    connection.close();
  }
}
