package io.widerow.testkit;

import static org.awaitility.Awaitility.await;

import io.widerow.core.pipeline.HBaseSpec;
import io.widerow.hbase.HBaseClients;
import io.widerow.hbase.WideTableSchema;
import java.time.Duration;
import org.apache.hadoop.hbase.RegionMetrics;
import org.apache.hadoop.hbase.ServerName;
import org.apache.hadoop.hbase.TableName;
import org.apache.hadoop.hbase.client.Admin;
import org.apache.hadoop.hbase.client.CompactionState;
import org.apache.hadoop.hbase.client.Connection;

/**
 * Flushes and major-compacts a test's wide table and returns once the compaction has run: the
 * moment HBase would purge delete markers, after which a late older Put becomes visible unless the
 * delete was written as a tombstone cell (invariant 2).
 */
public final class HBaseCompaction {

  private static final Duration DEADLINE = Duration.ofSeconds(90);

  private HBaseCompaction() {}

  public static void flushAndMajorCompact(HBaseSpec spec) throws Exception {
    try (Connection connection = HBaseClients.connect(spec);
        Admin admin = connection.getAdmin()) {
      TableName table = WideTableSchema.tableName(spec);
      long requested = System.currentTimeMillis();
      admin.flush(table); // synchronous: the memstore is in HFiles now
      admin.majorCompact(table); // only queued: wait for its result below
      await("major compaction of " + table + " finished")
          .atMost(DEADLINE)
          .until(() -> isCompactedSince(admin, table, requested));
    }
  }

  /**
   * The compaction state alone is NONE both before a queued compaction starts and after it ends, so
   * each region holding files must also show a major-compacted file made after the request (asked
   * of the region servers directly, not from the master's periodic reports).
   */
  private static boolean isCompactedSince(Admin admin, TableName table, long requested)
      throws Exception {
    if (admin.getCompactionState(table) != CompactionState.NONE) {
      return false;
    }
    for (ServerName server : admin.getRegionServers()) {
      for (RegionMetrics region : admin.getRegionMetrics(server, table)) {
        if (region.getStoreFileCount() > 0
            && region.getLastMajorCompactionTimestamp() < requested) {
          return false;
        }
      }
    }
    return true;
  }
}
