package io.widerow.hbase;

import io.widerow.core.pipeline.HBaseSpec;
import io.widerow.core.rowkey.RowKeyCodec;
import java.io.IOException;
import org.apache.hadoop.hbase.NamespaceDescriptor;
import org.apache.hadoop.hbase.NamespaceExistException;
import org.apache.hadoop.hbase.TableExistsException;
import org.apache.hadoop.hbase.TableName;
import org.apache.hadoop.hbase.client.Admin;
import org.apache.hadoop.hbase.client.ColumnFamilyDescriptorBuilder;
import org.apache.hadoop.hbase.client.Connection;
import org.apache.hadoop.hbase.client.TableDescriptorBuilder;
import org.apache.hadoop.hbase.util.Bytes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The wide table's layout: family {@code d} holds one cell per source row (one version kept, so the
 * newest timestamp wins), family {@code m} holds the wide-row version {@code m:v} and, as {@code
 * m:o:<qualifier>} at each cell's version, where the cell's source row came from.
 */
public final class WideTableSchema {

  public static final byte[] DATA = Bytes.toBytes("d");
  public static final byte[] META = Bytes.toBytes("m");
  public static final byte[] VERSION = Bytes.toBytes("v");

  /** Starts the qualifier of a cell's origin in family {@code m}. */
  static final String ORIGIN_PREFIX = "o:";

  private static final Logger LOG = LoggerFactory.getLogger(WideTableSchema.class);

  private WideTableSchema() {}

  /** {@code o:<qualifier>}: where the origin of cell {@code d:<qualifier>} is stored. */
  public static byte[] originQualifier(String cellQualifier) {
    return Bytes.toBytes(ORIGIN_PREFIX + cellQualifier);
  }

  /** The cell qualifier whose origin {@code m:<qualifier>} holds, or null when it holds none. */
  public static String cellOfOrigin(byte[] metaQualifier) {
    String q = Bytes.toString(metaQualifier);
    return q.startsWith(ORIGIN_PREFIX) ? q.substring(ORIGIN_PREFIX.length()) : null;
  }

  public static TableName tableName(HBaseSpec spec) {
    return TableName.valueOf(spec.namespace(), spec.table());
  }

  /** Drops the pipeline's table (all its wide rows) if it exists. */
  public static void dropTable(HBaseSpec spec) throws IOException {
    TableName name = tableName(spec);
    try (Connection connection = HBaseClients.connect(spec);
        Admin admin = connection.getAdmin()) {
      if (!admin.tableExists(name)) {
        return;
      }
      if (admin.isTableEnabled(name)) {
        admin.disableTable(name);
      }
      admin.deleteTable(name);
      LOG.info("dropped HBase table {}", name);
    }
  }

  /** Creates the namespace and the pre-split table if missing; safe to race from many services. */
  public static void ensureTable(Connection connection, HBaseSpec spec) throws IOException {
    TableName name = tableName(spec);
    try (Admin admin = connection.getAdmin()) {
      try {
        admin.createNamespace(NamespaceDescriptor.create(spec.namespace()).build());
      } catch (NamespaceExistException alreadyThere) {
        // another service created it first
      }
      if (admin.tableExists(name)) {
        return;
      }
      var table =
          TableDescriptorBuilder.newBuilder(name)
              .setColumnFamily(
                  ColumnFamilyDescriptorBuilder.newBuilder(DATA).setMaxVersions(1).build())
              .setColumnFamily(
                  ColumnFamilyDescriptorBuilder.newBuilder(META).setMaxVersions(1).build())
              .build();
      byte[][] splits = new RowKeyCodec(spec.saltBuckets()).splitPoints().toArray(new byte[0][]);
      try {
        if (splits.length == 0) {
          admin.createTable(table);
        } else {
          admin.createTable(table, splits);
        }
        LOG.info("created HBase table {} with {} regions", name, splits.length + 1);
      } catch (TableExistsException alreadyThere) {
        // another service created it first
      }
    }
  }
}
