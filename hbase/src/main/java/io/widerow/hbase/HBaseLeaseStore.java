package io.widerow.hbase;

import io.widerow.core.lease.LeaseStore;
import io.widerow.core.pipeline.HBaseSpec;
import io.widerow.core.retry.Retrier;
import java.io.IOException;
import java.util.Optional;
import org.apache.hadoop.hbase.NamespaceDescriptor;
import org.apache.hadoop.hbase.NamespaceExistException;
import org.apache.hadoop.hbase.TableExistsException;
import org.apache.hadoop.hbase.TableName;
import org.apache.hadoop.hbase.client.Admin;
import org.apache.hadoop.hbase.client.CheckAndMutate;
import org.apache.hadoop.hbase.client.ColumnFamilyDescriptorBuilder;
import org.apache.hadoop.hbase.client.Connection;
import org.apache.hadoop.hbase.client.Delete;
import org.apache.hadoop.hbase.client.Get;
import org.apache.hadoop.hbase.client.Put;
import org.apache.hadoop.hbase.client.Result;
import org.apache.hadoop.hbase.client.Table;
import org.apache.hadoop.hbase.client.TableDescriptorBuilder;
import org.apache.hadoop.hbase.util.Bytes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Leases in the table {@code <namespace>:widerow_leases} beside the pipelines' wide tables: one row
 * per key ({@code <pipeline>/<source>}), the value in {@code l:v}, changed only by {@code
 * checkAndMutate} on that row, which HBase applies atomically.
 */
public final class HBaseLeaseStore implements LeaseStore {

  public static final String TABLE = "widerow_leases";

  private static final byte[] FAMILY = Bytes.toBytes("l");
  private static final byte[] VALUE = Bytes.toBytes("v");
  private static final Logger LOG = LoggerFactory.getLogger(HBaseLeaseStore.class);

  private final Connection connection;
  private final TableName tableName;

  private HBaseLeaseStore(Connection connection, TableName tableName) {
    this.connection = connection;
    this.tableName = tableName;
  }

  /** Opens a connection of its own, creating the lease table when missing; retried at start-up. */
  public static HBaseLeaseStore open(HBaseSpec spec, Retrier retrier) throws Exception {
    return retrier.call("open HBase lease table of " + spec.namespace(), () -> open(spec));
  }

  static HBaseLeaseStore open(HBaseSpec spec) throws IOException {
    Connection connection = HBaseClients.connect(spec);
    try {
      TableName name = TableName.valueOf(spec.namespace(), TABLE);
      ensureTable(connection, spec.namespace(), name);
      return new HBaseLeaseStore(connection, name);
    } catch (IOException | RuntimeException e) {
      connection.close();
      throw e;
    }
  }

  @Override
  public Optional<String> read(String key) throws IOException {
    try (Table table = connection.getTable(tableName)) {
      Result r = table.get(new Get(Bytes.toBytes(key)).addColumn(FAMILY, VALUE));
      byte[] value = r.getValue(FAMILY, VALUE);
      return value == null ? Optional.empty() : Optional.of(Bytes.toString(value));
    }
  }

  @Override
  public boolean compareAndSet(String key, Optional<String> expected, String value)
      throws IOException {
    byte[] row = Bytes.toBytes(key);
    CheckAndMutate.Builder when = CheckAndMutate.newBuilder(row);
    CheckAndMutate change =
        (expected.isPresent()
                ? when.ifEquals(FAMILY, VALUE, Bytes.toBytes(expected.get()))
                : when.ifNotExists(FAMILY, VALUE))
            .build(new Put(row).addColumn(FAMILY, VALUE, Bytes.toBytes(value)));
    try (Table table = connection.getTable(tableName)) {
      return table.checkAndMutate(change).isSuccess();
    }
  }

  @Override
  public boolean compareAndDelete(String key, String expected) throws IOException {
    byte[] row = Bytes.toBytes(key);
    CheckAndMutate change =
        CheckAndMutate.newBuilder(row)
            .ifEquals(FAMILY, VALUE, Bytes.toBytes(expected))
            .build(new Delete(row).addColumns(FAMILY, VALUE));
    try (Table table = connection.getTable(tableName)) {
      return table.checkAndMutate(change).isSuccess();
    }
  }

  @Override
  public void close() throws IOException {
    connection.close();
  }

  /** Safe to race from many services, like the wide table's creation. */
  private static void ensureTable(Connection connection, String namespace, TableName name)
      throws IOException {
    try (Admin admin = connection.getAdmin()) {
      try {
        admin.createNamespace(NamespaceDescriptor.create(namespace).build());
      } catch (NamespaceExistException alreadyThere) {
        // another service created it first
      }
      if (admin.tableExists(name)) {
        return;
      }
      try {
        admin.createTable(
            TableDescriptorBuilder.newBuilder(name)
                .setColumnFamily(
                    ColumnFamilyDescriptorBuilder.newBuilder(FAMILY).setMaxVersions(1).build())
                .build());
        LOG.info("created HBase table {}", name);
      } catch (TableExistsException alreadyThere) {
        // another service created it first
      }
    }
  }
}
