package io.widerow.e2e;

import io.widerow.stack.RenamedDemo;
import io.widerow.stack.ServiceLaunch;
import io.widerow.stack.StackEndpoints;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Stream;

/**
 * What the crash test's service processes are started from: the demo pipeline file renamed for one
 * run (databases, HBase table, topics, index, replication client id), their environment, and a
 * private copy of the classpath.
 */
final class CrashPipeline {

  private CrashPipeline() {}

  /**
   * The bundled demo pipeline file with every name made unique to {@code name}; the address
   * placeholders stay, resolved from the services' environment.
   */
  static String yaml(String name) {
    // Unique per MariaDB server: two replication clients with one id disconnect each other.
    long serverId = 10_000 + ThreadLocalRandom.current().nextInt(1_000_000);
    return RenamedDemo.yaml(name, "widerow_it", "crash", serverId);
  }

  /** What a service needs besides the inherited environment: the stack and the CDC password. */
  static Map<String, String> environment(StackEndpoints stack) {
    return Map.of(
        "WIDEROW_MARIADB_HOST", stack.mariadbHost(),
        "WIDEROW_MARIADB_PORT", String.valueOf(stack.mariadbPort()),
        "WIDEROW_HBASE_ZOOKEEPER", stack.hbaseZookeeperQuorum(),
        "WIDEROW_KAFKA_BOOTSTRAP", stack.kafkaBootstrap(),
        "WIDEROW_ELASTICSEARCH_URL", stack.elasticsearchUrl(),
        "WIDEROW_CDC_PASSWORD", stack.cdcPassword());
  }

  /**
   * {@code java [options] -cp CLASSPATH}: this JVM's binary and class path, with the project's own
   * classes and jars copied to {@code dir} first. Other builds in the same tree rewrite
   * target/classes and the installed module jars while the test runs; a JVM restarted then would
   * load half-written classes and look like a service that cannot restart.
   */
  static List<String> javaCommand(Path dir) throws IOException {
    String java = ProcessHandle.current().info().command().orElse("java");
    List<String> entries = new ArrayList<>();
    String[] classpath = System.getProperty("java.class.path").split(File.pathSeparator);
    for (int i = 0; i < classpath.length; i++) {
      Path entry = Path.of(classpath[i]);
      entries.add(
          isOurs(entry)
              ? copy(entry, dir.resolve(i + "-" + entry.getFileName()))
              : entry.toString());
    }
    List<String> command = new ArrayList<>(List.of(java, "-Xmx512m"));
    command.addAll(ServiceLaunch.ADD_OPENS);
    command.addAll(List.of("-cp", String.join(File.pathSeparator, entries)));
    return command;
  }

  /**
   * {@link #javaCommand} for services that live a minute or less on a few records: the JIT's
   * optimising compiler would spend the two cores on code that never runs long, so only the quick
   * one runs, and the serial collector suits the small heap. The services' code is the same.
   */
  static List<String> shortLivedJavaCommand(Path dir) throws IOException {
    List<String> command = javaCommand(dir);
    command.addAll(1, List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC"));
    return command;
  }

  private static boolean isOurs(Path entry) {
    return Files.isDirectory(entry)
        || entry.toString().contains("/io/widerow/")
        || entry.getFileName().toString().startsWith("widerow-");
  }

  private static String copy(Path from, Path to) throws IOException {
    if (!Files.exists(from)) {
      return from.toString();
    }
    try (Stream<Path> tree = Files.walk(from)) {
      tree.forEach(
          p -> {
            try {
              Path target = to.resolve(from.relativize(p).toString());
              if (Files.isDirectory(p)) {
                Files.createDirectories(target);
              } else {
                Files.createDirectories(target.getParent());
                Files.copy(p, target, StandardCopyOption.REPLACE_EXISTING);
              }
            } catch (IOException e) {
              throw new UncheckedIOException(e);
            }
          });
    }
    return to.toString();
  }
}
