package io.widerow.hbase;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import io.widerow.core.pipeline.HBaseAccess;
import io.widerow.core.pipeline.HBaseSpec;
import io.widerow.core.pipeline.PipelineConfigException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The client configuration the pipeline file describes. Kerberos is checked only as far as the
 * configuration goes: there is no KDC here, so the keytab login itself is not tested.
 */
class HBaseClientsTest {

  @Test
  void theConfigDirsFilesGiveTheQuorumAndPassThroughAndKerberosGoOnTop(@TempDir Path dir)
      throws Exception {
    Files.writeString(
        dir.resolve("hbase-site.xml"),
        """
        <configuration>
          <property><name>hbase.zookeeper.quorum</name><value>zk1,zk2</value></property>
          <property><name>hbase.rpc.protection</name><value>authentication</value></property>
        </configuration>
        """);
    HBaseAccess access =
        new HBaseAccess(
            Optional.of(dir),
            Optional.empty(),
            Optional.of(new HBaseAccess.Kerberos("widerow@EXAMPLE.COM", dir.resolve("k.keytab"))),
            Map.of("hbase.rpc.protection", "privacy"));

    Configuration conf =
        HBaseClients.configuration(new HBaseSpec("", "widerow", "orders", 4, access));

    assertThat(conf.get("hbase.zookeeper.quorum")).isEqualTo("zk1,zk2");
    assertThat(conf.get("hbase.rpc.protection")).isEqualTo("privacy");
    assertThat(conf.get("hbase.security.authentication")).isEqualTo("kerberos");
    assertThat(conf.get("hadoop.security.authentication")).isEqualTo("kerberos");
  }

  @Test
  void theFileQuorumGivesWayToTheZookeeperKey(@TempDir Path dir) throws Exception {
    Path site =
        Files.writeString(
            dir.resolve("site.xml"),
            "<configuration><property><name>hbase.zookeeper.quorum</name><value>zk9</value>"
                + "</property></configuration>");
    HBaseAccess access =
        new HBaseAccess(Optional.empty(), Optional.of(site), Optional.empty(), Map.of());

    Configuration conf =
        HBaseClients.configuration(new HBaseSpec("zk1:2181", "widerow", "orders", 4, access));

    assertThat(conf.get("hbase.zookeeper.quorum")).isEqualTo("zk1");
    assertThat(conf.get("hbase.zookeeper.property.clientPort")).isEqualTo("2181");
    assertThat(conf.get("hbase.security.authentication")).isNotEqualTo("kerberos");
  }

  @Test
  void theBatchPoolHasEightThreadsPerCoreUnlessPassedThrough() {
    HBaseAccess none =
        new HBaseAccess(Optional.empty(), Optional.empty(), Optional.empty(), Map.of());
    Configuration conf =
        HBaseClients.configuration(new HBaseSpec("zk1:2181", "widerow", "orders", 4, none));
    assertThat(conf.getInt("hbase.hconnection.threads.max", -1))
        .isEqualTo(8 * Runtime.getRuntime().availableProcessors());

    HBaseAccess wider =
        new HBaseAccess(
            Optional.empty(),
            Optional.empty(),
            Optional.empty(),
            Map.of("hbase.hconnection.threads.max", "64"));
    Configuration passed =
        HBaseClients.configuration(new HBaseSpec("zk1:2181", "widerow", "orders", 4, wider));
    assertThat(passed.getInt("hbase.hconnection.threads.max", -1)).isEqualTo(64);
  }

  @Test
  void aMissingConfigurationFileIsBadConfigNamingTheKey(@TempDir Path dir) {
    HBaseAccess access =
        new HBaseAccess(
            Optional.empty(), Optional.of(dir.resolve("nope.xml")), Optional.empty(), Map.of());
    assertThatExceptionOfType(PipelineConfigException.class)
        .isThrownBy(() -> HBaseClients.configuration(new HBaseSpec("zk:1", "w", "o", 1, access)))
        .withMessageContaining("hbase.siteFile: '" + dir.resolve("nope.xml") + "' does not exist");
  }
}
