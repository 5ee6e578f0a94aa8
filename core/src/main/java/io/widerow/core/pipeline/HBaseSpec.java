package io.widerow.core.pipeline;

/**
 * Where the wide rows live.
 *
 * @param zookeeperQuorum {@code host:port[,host:port]} of the HBase cluster's ZooKeeper; empty when
 *     the configuration files of {@code access} give it
 * @param saltBuckets number of salt prefixes (and pre-split regions), 1..256
 * @param access configuration files, Kerberos and pass-through settings of the client
 */
public record HBaseSpec(
    String zookeeperQuorum, String namespace, String table, int saltBuckets, HBaseAccess access) {

  public HBaseSpec(String zookeeperQuorum, String namespace, String table, int saltBuckets) {
    this(zookeeperQuorum, namespace, table, saltBuckets, HBaseAccess.NONE);
  }

  /** {@code namespace:table}. */
  public String qualifiedTable() {
    return namespace + ":" + table;
  }

  /** The same cluster and client settings, another table. */
  public HBaseSpec withTable(String newNamespace, String newTable, int newSaltBuckets) {
    return new HBaseSpec(zookeeperQuorum, newNamespace, newTable, newSaltBuckets, access);
  }
}
