package io.widerow.stack.hbase;

import java.nio.file.Path;

/** hbase-site.xml and the log4j2 config of the standalone server. */
final class HBaseConfFiles {

  private HBaseConfFiles() {}

  static String hbaseSite(Path data, int zookeeperPort) {
    return "<?xml version=\"1.0\"?>\n<!-- Written by the widerow stack launcher at every start. -->\n"
        + "<configuration>\n"
        + property("hbase.cluster.distributed", "false")
        + property("hbase.rootdir", data.resolve("hbase").toUri().toString())
        + property("hbase.tmp.dir", data.resolve("tmp").toString())
        + property("hbase.zookeeper.quorum", "127.0.0.1")
        + property("hbase.zookeeper.property.clientPort", Integer.toString(zookeeperPort))
        + property("hbase.zookeeper.property.dataDir", data.resolve("zk").toString())
        // The local file system has no hflush/hsync: without this the WAL refuses to start.
        + property("hbase.unsafe.stream.capability.enforce", "false")
        // Master and region server RPC on free ports, no web UIs: nothing else to clash with.
        + property("hbase.localcluster.assign.random.ports", "true")
        + property("hbase.master.info.port", "-1")
        + property("hbase.regionserver.info.port", "-1")
        // There is exactly one region server: do not wait 4.5 s for more.
        + property("hbase.master.wait.on.regionservers.mintostart", "1")
        + property("hbase.master.wait.on.regionservers.maxtostart", "1")
        + property("hbase.regionserver.msginterval", "1000")
        // On SIGTERM the embedded ZooKeeper may stop before the region server deletes its znode;
        // retrying that would delay shutdown by ~20 s for nothing.
        + property("zookeeper.recovery.retry", "0")
        + "</configuration>\n";
  }

  static String log4j2() {
    return String.join(
        "\n",
        "status = warn",
        "appender.file.type = File",
        "appender.file.name = FILE",
        "appender.file.fileName = ${sys:hbase.log.file}",
        "appender.file.layout.type = PatternLayout",
        "appender.file.layout.pattern = %d{ISO8601} %-5p [%t] %c{2}: %.1000m%n",
        "rootLogger = INFO,FILE",
        "logger.zk.name = org.apache.zookeeper",
        "logger.zk.level = WARN",
        "logger.hadoop.name = org.apache.hadoop",
        "logger.hadoop.level = WARN",
        "logger.hbase.name = org.apache.hadoop.hbase",
        "logger.hbase.level = INFO",
        "");
  }

  private static String property(String name, String value) {
    return "  <property><name>" + name + "</name><value>" + value + "</value></property>\n";
  }
}
