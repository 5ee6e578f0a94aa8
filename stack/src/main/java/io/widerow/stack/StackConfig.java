package io.widerow.stack;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * Where the local stack keeps its files, which ports it listens on and which JDK and Maven
 * repository it uses. Every value can be set by a system property or the matching environment
 * variable (see {@link Settings}).
 *
 * @param home working directory: one subdirectory per server with its config, data and logs
 * @param kafkaSecuredPort Kafka's SASL_SSL listener (SCRAM-SHA-512), beside the plaintext one
 * @param elasticsearchSecuredPort the TLS proxy in front of Elasticsearch, with basic auth or an
 *     API key
 * @param mavenRepoLocal a Maven local repository for the server classpaths; empty = Maven's default
 */
public record StackConfig(
    Path home,
    int mariadbPort,
    int kafkaPort,
    int kafkaControllerPort,
    int kafkaSecuredPort,
    int hbaseZookeeperPort,
    int elasticsearchPort,
    int elasticsearchSecuredPort,
    Path javaHome,
    Optional<Path> mavenRepoLocal,
    Duration startTimeout,
    Duration stopTimeout) {

  public static final int DEFAULT_MARIADB_PORT = 23306;
  public static final int DEFAULT_KAFKA_PORT = 29092;
  public static final int DEFAULT_KAFKA_CONTROLLER_PORT = 29093;
  public static final int DEFAULT_KAFKA_SECURED_PORT = 29094;
  public static final int DEFAULT_HBASE_ZOOKEEPER_PORT = 22181;
  public static final int DEFAULT_ELASTICSEARCH_PORT = 29200;
  public static final int DEFAULT_ELASTICSEARCH_SECURED_PORT = 29243;

  public StackConfig {
    // One spelling of the home path: pid files are matched against process command lines.
    home = home.toAbsolutePath().normalize();
  }

  /** Reads system properties and environment, with the defaults documented in the README. */
  public static StackConfig fromEnvironment() {
    return new StackConfig(
        Settings.string("widerow.home").map(Path::of).orElseGet(StackConfig::defaultHome),
        Settings.port("widerow.mariadb.port", DEFAULT_MARIADB_PORT),
        Settings.port("widerow.kafka.port", DEFAULT_KAFKA_PORT),
        Settings.port("widerow.kafka.controller.port", DEFAULT_KAFKA_CONTROLLER_PORT),
        Settings.port("widerow.kafka.secured.port", DEFAULT_KAFKA_SECURED_PORT),
        Settings.port("widerow.hbase.zookeeper.port", DEFAULT_HBASE_ZOOKEEPER_PORT),
        Settings.port("widerow.elasticsearch.port", DEFAULT_ELASTICSEARCH_PORT),
        Settings.port("widerow.elasticsearch.secured.port", DEFAULT_ELASTICSEARCH_SECURED_PORT),
        JavaHomes.jdk17(Settings.string("widerow.java.home")),
        Settings.string("widerow.maven.repo.local").map(p -> Path.of(p).toAbsolutePath()),
        Duration.ofSeconds(Settings.positiveLong("widerow.stack.start.timeout.seconds", 240)),
        Duration.ofSeconds(Settings.positiveLong("widerow.stack.stop.timeout.seconds", 60)));
  }

  public Path serverDir(String server) {
    return home.resolve(server);
  }

  /** The stack's CA, server certificates and the secured side's passwords. */
  public Path secretsDir() {
    return home.resolve("secrets");
  }

  /** {@code <repo>/.stack} when run inside the repository, else {@code ./.stack}. */
  private static Path defaultHome() {
    Path dir = Path.of(System.getProperty("user.dir")).toAbsolutePath();
    for (Path d = dir; d != null; d = d.getParent()) {
      if (Files.isRegularFile(d.resolve("deploy/pom.xml"))
          && Files.isRegularFile(d.resolve("pom.xml"))) {
        return d.resolve(".stack");
      }
    }
    return dir.resolve(".stack");
  }
}
