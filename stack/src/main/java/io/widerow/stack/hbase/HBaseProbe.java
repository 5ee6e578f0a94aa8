package io.widerow.stack.hbase;

import java.io.IOException;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.hbase.HBaseConfiguration;
import org.apache.hadoop.hbase.HConstants;
import org.apache.hadoop.hbase.TableName;
import org.apache.hadoop.hbase.client.Admin;
import org.apache.hadoop.hbase.client.ColumnFamilyDescriptorBuilder;
import org.apache.hadoop.hbase.client.Connection;
import org.apache.hadoop.hbase.client.ConnectionFactory;
import org.apache.hadoop.hbase.client.Get;
import org.apache.hadoop.hbase.client.Put;
import org.apache.hadoop.hbase.client.Table;
import org.apache.hadoop.hbase.client.TableDescriptorBuilder;
import org.apache.hadoop.hbase.util.Bytes;

/**
 * HBase is ready when a table can be created, written and read: the master is up, meta is assigned
 * and a region server takes writes. Open ports alone prove none of that.
 */
final class HBaseProbe {

  /** Kept between probes: creating it each time would add a second per check. */
  static final TableName TABLE = TableName.valueOf("widerow_stack_probe");

  private static final byte[] FAMILY = Bytes.toBytes("f");
  private static final byte[] ROW = Bytes.toBytes("probe");

  private HBaseProbe() {}

  static boolean writeAndRead(String zookeeperQuorum) throws IOException {
    try (Connection connection =
            ConnectionFactory.createConnection(configuration(zookeeperQuorum));
        Admin admin = connection.getAdmin()) {
      if (!admin.tableExists(TABLE)) {
        admin.createTable(
            TableDescriptorBuilder.newBuilder(TABLE)
                .setColumnFamily(ColumnFamilyDescriptorBuilder.of(FAMILY))
                .build());
      }
      byte[] value = Bytes.toBytes(System.nanoTime());
      try (Table table = connection.getTable(TABLE)) {
        table.put(new Put(ROW).addColumn(FAMILY, FAMILY, value));
        return Bytes.equals(value, table.get(new Get(ROW)).getValue(FAMILY, FAMILY));
      }
    }
  }

  /** Fails fast: the caller polls, so each attempt should give up in seconds, not minutes. */
  private static Configuration configuration(String zookeeperQuorum) {
    Configuration conf = HBaseConfiguration.create();
    int colon = zookeeperQuorum.lastIndexOf(':');
    conf.set(HConstants.ZOOKEEPER_QUORUM, zookeeperQuorum.substring(0, colon));
    conf.set(HConstants.ZOOKEEPER_CLIENT_PORT, zookeeperQuorum.substring(colon + 1));
    conf.setInt(HConstants.HBASE_CLIENT_RETRIES_NUMBER, 3);
    conf.setLong(HConstants.HBASE_CLIENT_PAUSE, 200);
    conf.setInt(HConstants.HBASE_RPC_TIMEOUT_KEY, 5_000);
    conf.setInt(HConstants.HBASE_CLIENT_OPERATION_TIMEOUT, 15_000);
    conf.setInt("zookeeper.recovery.retry", 0);
    conf.setInt(HConstants.ZK_SESSION_TIMEOUT, 10_000);
    return conf;
  }
}
