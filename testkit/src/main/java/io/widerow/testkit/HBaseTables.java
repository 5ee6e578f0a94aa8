package io.widerow.testkit;

import io.widerow.core.pipeline.HBaseSpec;
import io.widerow.hbase.HBaseClients;
import io.widerow.hbase.WideTableSchema;
import org.apache.hadoop.hbase.TableName;
import org.apache.hadoop.hbase.client.Admin;
import org.apache.hadoop.hbase.client.Connection;

/** Creates and drops a test's own wide table. */
public final class HBaseTables {

  private HBaseTables() {}

  public static void create(HBaseSpec spec) throws Exception {
    try (Connection connection = HBaseClients.connect(spec)) {
      WideTableSchema.ensureTable(connection, spec);
    }
  }

  /** Best effort: a table left behind is harmless, its name is unique to one run. */
  public static void drop(HBaseSpec spec) {
    try (Connection connection = HBaseClients.connect(spec);
        Admin admin = connection.getAdmin()) {
      TableName name = WideTableSchema.tableName(spec);
      if (admin.tableExists(name)) {
        admin.disableTable(name);
        admin.deleteTable(name);
      }
    } catch (Exception e) {
      System.err.println("could not drop test table " + spec.qualifiedTable() + ": " + e);
    }
  }
}
