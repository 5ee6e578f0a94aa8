package io.widerow.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import io.widerow.hbase.HBaseClients;
import io.widerow.stack.StackEndpoints;
import org.apache.hadoop.hbase.TableName;
import org.apache.hadoop.hbase.client.Admin;
import org.apache.hadoop.hbase.client.ColumnFamilyDescriptorBuilder;
import org.apache.hadoop.hbase.client.Connection;
import org.apache.hadoop.hbase.client.Get;
import org.apache.hadoop.hbase.client.Put;
import org.apache.hadoop.hbase.client.Result;
import org.apache.hadoop.hbase.client.Table;
import org.apache.hadoop.hbase.client.TableDescriptorBuilder;
import org.apache.hadoop.hbase.util.Bytes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(LocalStackExtension.class)
class HBaseSmokeIT {

  private static final TableName TABLE = TableName.valueOf("smoke_it");
  private static final byte[] FAMILY = Bytes.toBytes("d");

  @Test
  void writesAndReadsARow(StackEndpoints stack) throws Exception {
    try (Connection connection = HBaseClients.connect(stack.hbaseZookeeperQuorum());
        Admin admin = connection.getAdmin()) {
      if (admin.tableExists(TABLE)) {
        admin.disableTable(TABLE);
        admin.deleteTable(TABLE);
      }
      admin.createTable(
          TableDescriptorBuilder.newBuilder(TABLE)
              .setColumnFamily(ColumnFamilyDescriptorBuilder.of(FAMILY))
              .build());
      try (Table table = connection.getTable(TABLE)) {
        byte[] row = Bytes.toBytes("order-1");
        table.put(
            new Put(row)
                .addColumn(FAMILY, Bytes.toBytes("orders"), 7L, Bytes.toBytes("{\"total\":5}")));
        Result result = table.get(new Get(row));
        assertThat(Bytes.toString(result.getValue(FAMILY, Bytes.toBytes("orders"))))
            .isEqualTo("{\"total\":5}");
        assertThat(result.getColumnLatestCell(FAMILY, Bytes.toBytes("orders")).getTimestamp())
            .isEqualTo(7L);
      }
      admin.disableTable(TABLE);
      admin.deleteTable(TABLE);
    }
  }
}
