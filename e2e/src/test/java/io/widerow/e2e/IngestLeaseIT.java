package io.widerow.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.widerow.core.pipeline.Pipeline;
import io.widerow.core.pipeline.PipelineLoader;
import io.widerow.stack.PipelineFiles;
import io.widerow.stack.StackEndpoints;
import io.widerow.testkit.DemoPipelines;
import io.widerow.testkit.HBaseTables;
import io.widerow.testkit.LocalStackExtension;
import io.widerow.workload.DemoSchema;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Two and three ingest processes for one source, each its own JVM: only the lease holder runs the
 * engine; a standby takes the source over at once when the holder stops with SIGTERM (it releases
 * the lease) and only after the lease's ttl when the holder is killed with SIGKILL.
 */
@ExtendWith(LocalStackExtension.class)
class IngestLeaseIT {

  private static final String ENGINE_STARTED = "shop: engine started";

  private String name;
  private DemoSchema schema;
  private Pipeline pipeline;
  private Path dir;
  private StackEndpoints stack;
  private final List<ServiceProcess> ingests = new ArrayList<>();

  @Test
  void aSecondIngestStandsByUntilTheHolderIsGoneThenTakesTheSourceOver(StackEndpoints stack)
      throws Exception {
    this.stack = stack;
    Path file = createPipeline();
    List<String> java =
        CrashPipeline.javaCommand(Files.createDirectories(dir.resolve("classpath")));
    Map<String, String> env = CrashPipeline.environment(stack);
    for (int i = 1; i <= 3; i++) {
      ingests.add(
          new ServiceProcess(
              "ingest-" + i,
              "ingest",
              List.of("--source", "shop", "--instance-id", "ingest-" + i),
              java,
              env,
              file,
              dir));
    }
    ServiceProcess first = ingests.get(0);
    ServiceProcess second = ingests.get(1);
    ServiceProcess third = ingests.get(2);

    first.start();
    await("first ingest streaming")
        .atMost(Duration.ofMinutes(2))
        .pollInterval(Duration.ofMillis(500))
        .until(() -> first.logContains(ENGINE_STARTED));
    second.start();
    await("second ingest standing by")
        .atMost(Duration.ofMinutes(2))
        .pollInterval(Duration.ofMillis(500))
        .until(() -> second.logContains("shop: standby, lease " + name + "/shop held by ingest-1"));
    // Longer than the lease's ttl: a standby that ignored a live holder would have started by now.
    await("second ingest still standing by while the first renews")
        .during(Duration.ofSeconds(15))
        .atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofMillis(500))
        .until(() -> first.isRunning() && !second.logContains(ENGINE_STARTED));

    long stop = System.nanoTime();
    first.close(); // SIGTERM: the engine stops and the lease is released
    await("second ingest takes over after the SIGTERM")
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(200))
        .until(() -> second.logContains(ENGINE_STARTED));
    Duration afterTerm = Duration.ofNanos(System.nanoTime() - stop);
    assertThat(second.logContains("taken as ingest-2")).isTrue();

    third.start();
    await("third ingest standing by")
        .atMost(Duration.ofMinutes(2))
        .pollInterval(Duration.ofMillis(500))
        .until(() -> third.logContains("shop: standby, lease " + name + "/shop held by ingest-2"));
    long kill = System.nanoTime();
    second.kill9(); // no release: the third must wait out the ttl
    await("third ingest takes over after the SIGKILL")
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(200))
        .until(() -> third.logContains(ENGINE_STARTED));
    Duration afterKill = Duration.ofNanos(System.nanoTime() - kill);
    System.out.printf(
        "ingest lease: takeover %.1f s after SIGTERM, %.1f s after SIGKILL (ttl 10 s)%n",
        afterTerm.toMillis() / 1e3, afterKill.toMillis() / 1e3);

    assertThat(afterKill)
        .as("a killed holder's lease is waited out")
        .isGreaterThan(Duration.ofSeconds(9));
    assertThat(afterTerm)
        .as("a released lease is taken without waiting for its ttl")
        .isLessThan(afterKill);
  }

  @AfterEach
  void cleanUp() throws Exception {
    for (ServiceProcess p : ingests) {
      p.close();
    }
    if (pipeline != null) {
      HBaseTables.drop(pipeline.hbase());
      try (Connection db =
          DriverManager.getConnection(
              stack.mariadbJdbcUrl(), stack.mariadbRootUser(), stack.mariadbRootPassword())) {
        schema.drop(db);
      }
    }
  }

  private Path createPipeline() throws Exception {
    name = DemoPipelines.uniqueName("lease");
    schema = DemoPipelines.schema(name);
    try (Connection db =
        DriverManager.getConnection(
            stack.mariadbJdbcUrl(), stack.mariadbRootUser(), stack.mariadbRootPassword())) {
      schema.create(db);
    }
    dir = Files.createTempDirectory("widerow-" + name + "-");
    Path file = dir.resolve("pipeline.yaml");
    String yaml = CrashPipeline.yaml(name);
    Files.writeString(file, yaml);
    pipeline = PipelineLoader.parse(yaml, file.toString(), PipelineFiles.environment(stack));
    return file;
  }
}
