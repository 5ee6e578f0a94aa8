package io.widerow.stack.hbase;

import io.widerow.stack.Deadline;
import io.widerow.stack.ForkedServer;
import io.widerow.stack.MavenResolver;
import io.widerow.stack.StackConfig;
import io.widerow.stack.StackEndpoints;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A standalone HBase: {@code HMaster start} with {@code hbase.cluster.distributed=false} runs the
 * master, a region server and ZooKeeper in one JVM, on jars from Maven Central.
 */
public final class HBaseServer extends ForkedServer {

  /** The flags bin/hbase passes on JDK 17: Hadoop and HBase reach into JDK internals. */
  private static final List<String> JVM_FLAGS =
      List.of(
          "-XX:+UseG1GC",
          "-Djava.net.preferIPv4Stack=true",
          "-Dorg.apache.hbase.thirdparty.io.netty.tryReflectionSetAccessible=true",
          "--add-modules",
          "jdk.unsupported",
          "--add-opens",
          "java.base/java.nio=ALL-UNNAMED",
          "--add-opens",
          "java.base/sun.nio.ch=ALL-UNNAMED",
          "--add-opens",
          "java.base/java.lang=ALL-UNNAMED",
          "--add-opens",
          "java.base/jdk.internal.ref=ALL-UNNAMED",
          "--add-opens",
          "java.base/java.lang.reflect=ALL-UNNAMED",
          "--add-exports",
          "java.base/jdk.internal.misc=ALL-UNNAMED",
          "--add-exports",
          "java.security.jgss/sun.security.krb5=ALL-UNNAMED",
          "--add-exports",
          "java.base/sun.net.dns=ALL-UNNAMED",
          "--add-exports",
          "java.base/sun.net.util=ALL-UNNAMED");

  private final MavenResolver maven;
  private String classpath;

  public HBaseServer(StackConfig config, MavenResolver maven) {
    super("hbase", config);
    this.maven = maven;
  }

  @Override
  public String address() {
    return StackEndpoints.HOST + ":" + config.hbaseZookeeperPort() + " (ZooKeeper)";
  }

  @Override
  public List<Path> logFiles() {
    return List.of(
        dir.resolve("logs/hbase.log"),
        dir.resolve("logs/hbase.out"),
        dir.resolve("classpath/resolve.log"));
  }

  @Override
  protected List<Integer> ports() {
    // Master and region server take random free ports; clients find them through ZooKeeper.
    return List.of(config.hbaseZookeeperPort());
  }

  @Override
  protected void prepare() throws Exception {
    classpath =
        maven.classpath(HBaseServer.class, "hbase-server.pom.xml", dir.resolve("classpath"));
    Path conf = dir.resolve("conf");
    Files.createDirectories(conf);
    Files.createDirectories(dir.resolve("logs"));
    Files.writeString(
        conf.resolve("hbase-site.xml"),
        HBaseConfFiles.hbaseSite(dir.resolve("data"), config.hbaseZookeeperPort()));
    Files.writeString(conf.resolve("log4j2.properties"), HBaseConfFiles.log4j2());
  }

  @Override
  protected long launch(Duration timeout) throws Exception {
    Path logs = dir.resolve("logs");
    rotate(logs.resolve("hbase.log"));
    List<String> cmd = new ArrayList<>();
    cmd.add(config.javaHome().resolve("bin/java").toString());
    cmd.addAll(List.of("-Xms512m", "-Xmx1g"));
    cmd.addAll(JVM_FLAGS);
    cmd.add("-Dlog4j2.configurationFile=" + dir.resolve("conf/log4j2.properties"));
    cmd.add("-Dhbase.log.file=" + logs.resolve("hbase.log"));
    // conf/ first on the classpath: that is where HBase looks for hbase-site.xml.
    cmd.addAll(List.of("-cp", dir.resolve("conf") + File.pathSeparator + classpath));
    cmd.addAll(List.of("org.apache.hadoop.hbase.master.HMaster", "start"));
    return fork(cmd, Map.of(), logs.resolve("hbase.out"));
  }

  @Override
  protected void awaitReady(Deadline deadline, long pid) throws Exception {
    deadline.await(
        "HBase creating, writing and reading a table via ZooKeeper " + zookeeperQuorum(),
        Duration.ofMillis(500),
        whileAlive(pid),
        () ->
            isListening(config.hbaseZookeeperPort()) && HBaseProbe.writeAndRead(zookeeperQuorum()));
  }

  @Override
  public boolean isHealthy() {
    try {
      return isListening(config.hbaseZookeeperPort()) && HBaseProbe.writeAndRead(zookeeperQuorum());
    } catch (Exception e) {
      return false;
    }
  }

  private String zookeeperQuorum() {
    return StackEndpoints.HOST + ":" + config.hbaseZookeeperPort();
  }
}
