package io.widerow.hbase;

import io.widerow.core.pipeline.HBaseAccess;
import io.widerow.core.pipeline.HBaseSpec;
import io.widerow.core.pipeline.PipelineConfigException;
import io.widerow.core.service.FatalException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.hbase.HBaseConfiguration;
import org.apache.hadoop.hbase.HConstants;
import org.apache.hadoop.hbase.client.Connection;
import org.apache.hadoop.hbase.client.ConnectionFactory;
import org.apache.hadoop.security.UserGroupInformation;

/** Opens HBase connections configured the same way for every service and tool. */
public final class HBaseClients {

  private HBaseClients() {}

  /**
   * @param zookeeperQuorum {@code host:port[,host:port...]}; all hosts must share one port
   */
  public static Connection connect(String zookeeperQuorum) throws IOException {
    return ConnectionFactory.createConnection(configuration(zookeeperQuorum));
  }

  /**
   * A connection to the pipeline's cluster: its configuration files, quorum, pass-through settings
   * and, with {@code hbase.kerberos}, a login from the keytab first.
   */
  public static Connection connect(HBaseSpec spec) throws IOException {
    Configuration conf = configuration(spec);
    if (spec.access().kerberos().isPresent()) {
      login(conf, spec.access().kerberos().get());
    }
    return ConnectionFactory.createConnection(conf);
  }

  /** The client configuration the pipeline file describes (no login). */
  static Configuration configuration(HBaseSpec spec) {
    HBaseAccess access = spec.access();
    Configuration conf = HBaseConfiguration.create();
    access.configDir().ifPresent(dir -> addDirectory(conf, dir));
    access.siteFile().ifPresent(file -> addResource(conf, file, "hbase.siteFile"));
    if (!spec.zookeeperQuorum().isEmpty()) {
      setQuorum(conf, spec.zookeeperQuorum());
    }
    timeouts(conf);
    threads(conf);
    access.properties().forEach(conf::set);
    access
        .kerberos()
        .ifPresent(
            k -> {
              conf.set("hbase.security.authentication", "kerberos");
              conf.set("hadoop.security.authentication", "kerberos");
            });
    return conf;
  }

  private static void addDirectory(Configuration conf, Path dir) {
    if (!Files.isDirectory(dir)) {
      throw unreadable("hbase.configDir", dir, "is not a directory");
    }
    boolean any = false;
    for (String name : List.of("core-site.xml", "hbase-site.xml")) {
      Path file = dir.resolve(name);
      if (Files.isReadable(file)) {
        addResource(conf, file, "hbase.configDir");
        any = true;
      }
    }
    if (!any) {
      throw unreadable("hbase.configDir", dir, "holds neither hbase-site.xml nor core-site.xml");
    }
  }

  private static void addResource(Configuration conf, Path file, String key) {
    if (!Files.isReadable(file)) {
      throw unreadable(key, file, "does not exist or is not readable");
    }
    // By path, read now: a Configuration reads its resources lazily, and a bad file would
    // otherwise fail at the first get, far from its cause.
    conf.addResource(new org.apache.hadoop.fs.Path(file.toUri()));
    conf.size();
  }

  private static void login(Configuration conf, HBaseAccess.Kerberos kerberos) throws IOException {
    if (!Files.isReadable(kerberos.keytab())) {
      throw unreadable(
          "hbase.kerberos.keytab", kerberos.keytab(), "does not exist or is not readable");
    }
    UserGroupInformation.setConfiguration(conf);
    try {
      UserGroupInformation.loginUserFromKeytab(kerberos.principal(), kerberos.keytab().toString());
    } catch (IOException e) {
      throw new FatalException(
          "hbase: Kerberos login of "
              + kerberos.principal()
              + " from keytab "
              + kerberos.keytab()
              + " failed ("
              + e.getMessage()
              + "); check hbase.kerberos.principal and hbase.kerberos.keytab",
          e);
    }
  }

  private static PipelineConfigException unreadable(String key, Path path, String problem) {
    return new PipelineConfigException(
        "pipeline file", List.of(key + ": '" + path + "' " + problem));
  }

  static Configuration configuration(String zookeeperQuorum) {
    Configuration conf = HBaseConfiguration.create();
    setQuorum(conf, zookeeperQuorum);
    timeouts(conf);
    threads(conf);
    return conf;
  }

  private static void setQuorum(Configuration conf, String zookeeperQuorum) {
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
  }

  /**
   * The connection's batch pool (multi-gets and puts, one task per region server and batch): the
   * client's default of 256 core threads makes a thread for each new task until 256 exist, so a
   * busy merger or indexer held about 300 threads on 2 cores. Eight per core is HBase's own choice
   * when the key is 0, and more than the region servers can serve at once here.
   */
  static final int BATCH_THREADS_PER_CORE = 8;

  private static void threads(Configuration conf) {
    conf.setInt(
        "hbase.hconnection.threads.max",
        BATCH_THREADS_PER_CORE * Runtime.getRuntime().availableProcessors());
  }

  private static void timeouts(Configuration conf) {
    // Fail an operation in tens of seconds, not the default ~20 minutes: the services retry
    // with their own backoff and report it, which a hung client call would hide.
    conf.setInt(HConstants.HBASE_CLIENT_RETRIES_NUMBER, 10);
    conf.setInt(HConstants.HBASE_CLIENT_OPERATION_TIMEOUT, 60_000);
    conf.setInt(HConstants.HBASE_RPC_TIMEOUT_KEY, 20_000);
    conf.setInt("zookeeper.recovery.retry", 3);
  }
}
