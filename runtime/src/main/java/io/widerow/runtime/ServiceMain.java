package io.widerow.runtime;

import com.codahale.metrics.MetricRegistry;
import com.codahale.metrics.health.HealthCheckRegistry;
import com.codahale.metrics.jvm.MemoryUsageGaugeSet;
import io.widerow.core.pipeline.Pipeline;
import io.widerow.core.pipeline.PipelineConfigException;
import io.widerow.core.pipeline.PipelineLoader;
import io.widerow.core.service.ExitCode;
import io.widerow.core.service.FatalException;
import io.widerow.core.service.ManagedService;
import io.widerow.runtime.admin.AdminServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one way every service runs: load and validate the pipeline file, open the admin port, build
 * and start the service, wait, and stop cleanly on SIGTERM; the exit code tells bad config (2), a
 * fatal error (3) and any other failure (1) apart.
 */
public final class ServiceMain {

  private static final Logger LOG = LoggerFactory.getLogger(ServiceMain.class);

  /**
   * What a service is built from.
   *
   * @param instanceId {@code --instance-id}: this process among the service's instances (a pod
   *     name), stable across its restarts; empty when not given
   */
  public record Context(
      String service,
      Pipeline pipeline,
      MetricRegistry metrics,
      HealthCheckRegistry health,
      AdminServer admin,
      Optional<String> instanceId) {}

  /** Builds a service; may open clients, must not start work. */
  @FunctionalInterface
  public interface Factory {
    ManagedService create(Context context) throws Exception;
  }

  private ServiceMain() {}

  /** Runs the service and exits the JVM with its exit code. */
  public static void main(String service, int defaultAdminPort, String[] args, Factory factory) {
    System.exit(run(service, defaultAdminPort, args, factory).code());
  }

  /** Runs the service until it stops; returns how it ended. */
  public static ExitCode run(String service, int defaultAdminPort, String[] args, Factory factory) {
    ServiceArgs parsed;
    Pipeline pipeline;
    try {
      parsed = ServiceArgs.parse(service, defaultAdminPort, args);
      if (!Files.isReadable(parsed.pipelineFile())) {
        throw new IllegalArgumentException(
            "--pipeline: file '" + parsed.pipelineFile() + "' does not exist or is not readable");
      }
      pipeline = PipelineLoader.load(parsed.pipelineFile());
    } catch (IllegalArgumentException | PipelineConfigException e) {
      System.err.println(service + ": " + e.getMessage());
      return ExitCode.BAD_CONFIG;
    }
    return runService(service, parsed, pipeline, factory);
  }

  private static ExitCode runService(
      String service, ServiceArgs args, Pipeline pipeline, Factory factory) {
    MetricRegistry metrics = new MetricRegistry();
    metrics.register("jvm.memory", new MemoryUsageGaugeSet());
    HealthCheckRegistry health = new HealthCheckRegistry();
    ManagedService managed = null;
    CountDownLatch finished = new CountDownLatch(1);
    try (AdminServer admin = new AdminServer(args.adminHost(), args.adminPort(), metrics, health)) {
      managed =
          factory.create(new Context(service, pipeline, metrics, health, admin, args.instanceId()));
      ManagedService toStop = managed;
      Thread hook =
          new Thread(() -> stopOnSignal(service, toStop, finished), service + "-shutdown");
      Runtime.getRuntime().addShutdownHook(hook);
      admin.start();
      LOG.info(
          "{} of pipeline {} starting; admin on http://{}:{}/health",
          service,
          pipeline.name(),
          args.adminHost(),
          admin.port());
      managed.start();
      managed.awaitStop();
      LOG.info("{} stopped", service);
      removeHook(hook);
      return ExitCode.OK;
    } catch (PipelineConfigException e) {
      // A factory may refuse what the file allows but its arguments do not (ingest --source).
      System.err.println(service + ": " + e.getMessage());
      return ExitCode.BAD_CONFIG;
    } catch (FatalException e) {
      LOG.error("{} stopped: {}", service, e.getMessage(), e);
      return ExitCode.FATAL;
    } catch (Exception e) {
      LOG.error("{} failed: {}", service, e.toString(), e);
      return ExitCode.RUNTIME_FAILURE;
    } finally {
      if (managed != null) {
        managed.stop();
      }
      finished.countDown();
    }
  }

  private static void stopOnSignal(
      String service, ManagedService managed, CountDownLatch finished) {
    LOG.info("{}: stop requested", service);
    managed.stop();
    // The JVM halts when the hooks end: let the main thread finish closing and logging first.
    // (Not a join: the main thread then calls System.exit, which blocks during shutdown.)
    try {
      finished.await(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void removeHook(Thread hook) {
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException shuttingDown) {
      // the JVM is already exiting; the hook is running or has run
    }
  }

  /** The command line every service takes. */
  record ServiceArgs(
      Path pipelineFile, String adminHost, int adminPort, Optional<String> instanceId) {

    /** What Kafka allows in a {@code group.instance.id}, and a pod name is made of. */
    private static final java.util.regex.Pattern INSTANCE_ID =
        java.util.regex.Pattern.compile("[A-Za-z0-9._-]{1,200}");

    static ServiceArgs parse(String service, int defaultAdminPort, String[] args) {
      Path pipeline = null;
      String host = "127.0.0.1";
      int port = defaultAdminPort;
      Optional<String> instanceId = Optional.empty();
      for (int i = 0; i < args.length; i++) {
        String arg = args[i];
        String value = i + 1 < args.length ? args[i + 1] : null;
        switch (arg) {
          case "--pipeline" -> pipeline = Path.of(require(arg, value));
          case "--admin-host" -> host = require(arg, value);
          case "--admin-port" -> port = parsePort(require(arg, value));
          case "--instance-id" -> instanceId = Optional.of(parseInstanceId(require(arg, value)));
          default ->
              throw new IllegalArgumentException(
                  "unknown option '"
                      + arg
                      + "'; usage: "
                      + service
                      + " --pipeline FILE [--instance-id ID] [--admin-host HOST] [--admin-port"
                      + " PORT]");
        }
        i++;
      }
      if (pipeline == null) {
        throw new IllegalArgumentException("--pipeline FILE is required");
      }
      return new ServiceArgs(pipeline, host, port, instanceId);
    }

    private static String parseInstanceId(String value) {
      if (!INSTANCE_ID.matcher(value).matches()) {
        throw new IllegalArgumentException(
            "--instance-id: '"
                + value
                + "' is not valid; expected 1-200 letters, digits, '.', '_' or '-' (a pod name)");
      }
      return value;
    }

    private static String require(String option, String value) {
      if (value == null) {
        throw new IllegalArgumentException(option + " needs a value");
      }
      return value;
    }

    private static int parsePort(String value) {
      try {
        int port = Integer.parseInt(value);
        if (port >= 0 && port <= 65535) {
          return port;
        }
      } catch (NumberFormatException ignored) {
        // reported below
      }
      throw new IllegalArgumentException(
          "--admin-port: '" + value + "' is not valid; expected a port 0..65535 (0 = any free)");
    }
  }
}
