package io.widerow.hbase;

import io.widerow.core.pipeline.HBaseSpec;
import java.io.IOException;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.hbase.HBaseConfiguration;
import org.apache.hadoop.hbase.HConstants;
import org.apache.hadoop.hbase.client.Connection;
import org.apache.hadoop.hbase.client.ConnectionFactory;

/** Opens HBase connections configured the same way for every service and tool. */
public final class HBaseClients {

  private HBaseClients() {}

  /**
   * @param zookeeperQuorum {@code host:port[,host:port...]}; all hosts must share one port
   */
  public static Connection connect(String zookeeperQuorum) throws IOException {
    return ConnectionFactory.createConnection(configuration(zookeeperQuorum));
  }

  public static Connection connect(HBaseSpec spec) throws IOException {
    return connect(spec.zookeeperQuorum());
  }

  static Configuration configuration(String zookeeperQuorum) {
    Configuration conf = HBaseConfiguration.create();
    StringBuilder hosts = new StringBuilder();
    String port = null;
    for (String hostPort : zookeeperQuorum.split(",")) {
      String[] parts = hostPort.trim().split(":");
      if (hosts.length() > 0) {
        hosts.append(',');
      }
      hosts.append(parts[0]);
      if (parts.length > 1) {
        port = parts[1];
      }
    }
    conf.set(HConstants.ZOOKEEPER_QUORUM, hosts.toString());
    if (port != null) {
      conf.set(HConstants.ZOOKEEPER_CLIENT_PORT, port);
    }
    // Fail an operation in tens of seconds, not the default ~20 minutes: the services retry
    // with their own backoff and report it, which a hung client call would hide.
    conf.setInt(HConstants.HBASE_CLIENT_RETRIES_NUMBER, 10);
    conf.setInt(HConstants.HBASE_CLIENT_OPERATION_TIMEOUT, 60_000);
    conf.setInt(HConstants.HBASE_RPC_TIMEOUT_KEY, 20_000);
    conf.setInt("zookeeper.recovery.retry", 3);
    return conf;
  }
}
