package io.widerow.stack.kafka;

import io.widerow.stack.Deadline;
import io.widerow.stack.ExternalCommand;
import io.widerow.stack.ForkedServer;
import io.widerow.stack.MavenResolver;
import io.widerow.stack.StackConfig;
import io.widerow.stack.StackEndpoints;
import io.widerow.stack.StackSecrets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.common.Uuid;

/**
 * A single-node Kafka in KRaft mode (broker and controller in one JVM) from Maven Central jars,
 * with a SASL_SSL listener (SCRAM-SHA-512, user {@code widerow}) beside the plaintext one.
 */
public final class KafkaServer extends ForkedServer {

  private final MavenResolver maven;
  private final StackSecrets secrets;
  private String classpath;

  public KafkaServer(StackConfig config, MavenResolver maven, StackSecrets secrets) {
    super("kafka", config);
    this.maven = maven;
    this.secrets = secrets;
  }

  @Override
  public String address() {
    return StackEndpoints.HOST + ":" + config.kafkaPort();
  }

  @Override
  public List<Path> logFiles() {
    return List.of(dir.resolve("server.log"), dir.resolve("format.log"), resolveLog());
  }

  @Override
  protected List<Integer> ports() {
    return List.of(config.kafkaPort(), config.kafkaSecuredPort(), config.kafkaControllerPort());
  }

  @Override
  protected void prepare() throws Exception {
    classpath =
        maven.classpath(KafkaServer.class, "kafka-broker.pom.xml", dir.resolve("classpath"));
    Path properties = dir.resolve("server.properties");
    Files.writeString(properties, KafkaProperties.of(config, dir.resolve("data"), secrets));
    // It holds the keystore's password.
    Files.setPosixFilePermissions(
        properties, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
    // Format once: a formatted log dir keeps its cluster id, topics and offsets across restarts.
    if (!Files.exists(dir.resolve("data/meta.properties"))) {
      List<String> cmd = java("-Xmx256m");
      cmd.addAll(
          List.of(
              "kafka.tools.StorageTool",
              "format",
              "-t",
              Uuid.randomUuid().toString(),
              "-c",
              properties.toString(),
              "--ignore-formatted"));
      ExternalCommand.run(cmd, dir, Map.of(), dir.resolve("format.log"), Duration.ofMinutes(2));
    }
  }

  @Override
  protected long launch(Duration timeout) throws Exception {
    List<String> cmd = java("-Xms256m", "-Xmx768m", "-XX:+UseG1GC", "-XX:MaxGCPauseMillis=20");
    cmd.addAll(
        List.of(
            "-Djava.awt.headless=true",
            "-Dorg.slf4j.simpleLogger.showDateTime=true",
            "kafka.Kafka",
            dir.resolve("server.properties").toString()));
    return fork(cmd, Map.of(), dir.resolve("server.log"));
  }

  @Override
  protected void awaitReady(Deadline deadline, long pid) throws Exception {
    deadline.await(
        "Kafka answering a metadata request on " + address(),
        Duration.ofMillis(250),
        whileAlive(pid),
        this::answers);
    if (!isListening(config.kafkaSecuredPort())) {
      return; // a broker from before the secured listener: missingFromRunning says so
    }
    String password = StackSecrets.read(secrets.kafkaPasswordFile());
    KafkaProbe.upsertScramUser(address(), StackSecrets.KAFKA_USER, password);
    // The new credential reaches the SASL listener through the metadata log, a moment later.
    deadline.await(
        "Kafka accepting user " + StackSecrets.KAFKA_USER + " on " + securedAddress(),
        Duration.ofMillis(250),
        whileAlive(pid),
        () -> {
          KafkaProbe.describeClusterSecured(
              securedAddress(), StackSecrets.KAFKA_USER, password, secrets.caFile());
          return true;
        });
  }

  @Override
  protected Optional<String> missingFromRunning() {
    return isListening(config.kafkaSecuredPort())
        ? Optional.empty()
        : Optional.of("its SASL_SSL listener on " + securedAddress());
  }

  private String securedAddress() {
    return StackEndpoints.HOST + ":" + config.kafkaSecuredPort();
  }

  @Override
  public boolean isHealthy() {
    try {
      return answers();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    } catch (Exception e) {
      return false;
    }
  }

  private boolean answers() throws Exception {
    // Asking before the port is open would only make the admin client log connection warnings.
    if (!isListening(config.kafkaPort())) {
      return false;
    }
    KafkaProbe.describeCluster(address());
    return true;
  }

  private List<String> java(String... jvmFlags) {
    List<String> cmd = new ArrayList<>();
    cmd.add(config.javaHome().resolve("bin/java").toString());
    cmd.addAll(List.of(jvmFlags));
    cmd.addAll(List.of("-cp", classpath));
    return cmd;
  }

  private Path resolveLog() {
    return dir.resolve("classpath/resolve.log");
  }
}
