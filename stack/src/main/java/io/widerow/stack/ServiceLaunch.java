package io.widerow.stack;

import java.nio.file.Path;
import java.util.List;

/**
 * How a service starts as a JVM of its own, as {@code ./widerow} starts it: the JVM options its
 * clients need and the command-line arguments. Shared by the bench and the crash test, which start
 * the services from this JVM's class path.
 */
public final class ServiceLaunch {

  /** The packages {@code ./widerow} opens for the HBase and Kafka clients. */
  public static final List<String> ADD_OPENS =
      List.of(
          "--add-opens",
          "java.base/java.nio=ALL-UNNAMED",
          "--add-opens",
          "java.base/sun.nio.ch=ALL-UNNAMED",
          "--add-opens",
          "java.base/java.lang=ALL-UNNAMED");

  /** The command line's main class (module cli), on the class path of whoever launches. */
  public static final String WIDEROW_MAIN = "io.widerow.cli.Widerow";

  private ServiceLaunch() {}

  /** Main class and arguments of {@code widerow <service>} on any free admin port. */
  public static List<String> arguments(String service, Path pipelineFile) {
    return arguments(service, pipelineFile, List.of());
  }

  /**
   * The same with the service's own options after them ({@code --source NAME}, {@code --instance-id
   * ID}).
   */
  public static List<String> arguments(String service, Path pipelineFile, List<String> options) {
    List<String> args =
        new java.util.ArrayList<>(
            List.of(
                WIDEROW_MAIN, service, "--pipeline", pipelineFile.toString(), "--admin-port", "0"));
    args.addAll(options);
    return List.copyOf(args);
  }
}
