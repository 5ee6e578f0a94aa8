package io.widerow.core.pipeline;

/**
 * Where the wide rows live.
 *
 * @param zookeeperQuorum {@code host:port[,host:port]} of the HBase cluster's ZooKeeper
 * @param saltBuckets number of salt prefixes (and pre-split regions), 1..256
 */
public record HBaseSpec(String zookeeperQuorum, String namespace, String table, int saltBuckets) {

  /** {@code namespace:table}. */
  public String qualifiedTable() {
    return namespace + ":" + table;
  }
}
