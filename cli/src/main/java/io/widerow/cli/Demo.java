package io.widerow.cli;

import io.widerow.core.pipeline.Pipeline;
import io.widerow.local.LocalPipeline;
import io.widerow.local.PipelineReset;
import io.widerow.stack.LocalStack;
import io.widerow.stack.PipelineFiles;
import io.widerow.stack.StackEndpoints;
import io.widerow.stack.StartResult;
import io.widerow.workload.DemoSchema;
import io.widerow.workload.OrderWorkload;
import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * {@code widerow demo}: the local stack, the demo schema, the three services, and orders flowing at
 * a steady rate, with progress every few seconds, until Ctrl-C (or {@code --duration}).
 */
public final class Demo {

  /** How the demo runs. */
  public record Options(
      double changesPerSecond,
      int activeOrders,
      int workers,
      Duration duration,
      Duration progressEvery,
      boolean reset) {}

  private final Options options;
  private final PrintStream out;
  private final CountDownLatch stopped = new CountDownLatch(1);

  public Demo(Options options, PrintStream out) {
    this.options = options;
    this.out = out;
  }

  public void run() throws Exception {
    LocalStack stack = LocalStack.fromEnvironment();
    out.println("Starting the local stack (first run downloads servers from Maven Central)...");
    List<StartResult> started = stack.up();
    started.forEach(
        r ->
            out.printf(
                "  %-14s %-28s %s%n",
                r.server(),
                r.address(),
                r.reused() ? "already running" : "started in " + r.took().toSeconds() + " s"));
    List<String> ours = started.stream().filter(r -> !r.reused()).map(StartResult::server).toList();
    StackEndpoints endpoints = stack.endpoints();
    Map<String, String> env = PipelineFiles.environment(endpoints);
    Pipeline pipeline = PipelineFiles.demo(endpoints);
    if (options.reset()) {
      out.println("Resetting the demo: dropping its databases, HBase table, topics and index...");
      PipelineReset.reset(pipeline);
    }
    String url = endpoints.mariadbJdbcUrl();
    String user = endpoints.mariadbRootUser();
    String password = endpoints.mariadbRootPassword();
    if (options.reset()) {
      DemoSchema.DEMO.drop(url, user, password);
    }
    DemoSchema.DEMO.create(url, user, password);
    long firstOrderNo = DemoSchema.DEMO.nextOrderNo(url, user, password);
    LocalPipeline services = new LocalPipeline(pipeline, env::get, 28081);
    OrderWorkload workload =
        new OrderWorkload(
            DemoSchema.DEMO,
            url,
            user,
            password,
            options.workers(),
            options.activeOrders(),
            options.changesPerSecond(),
            firstOrderNo);
    Thread hook = new Thread(() -> shutdown(workload, services, stack, ours), "demo-shutdown");
    Runtime.getRuntime().addShutdownHook(hook);
    services.start();
    workload.start();
    out.printf(
        "Demo running: %.0f source row changes/s over %d active orders. Ctrl-C stops it.%n"
            + "Service logs: %s/demo/demo.log; metrics and health: http://127.0.0.1:28081-28083"
            + "/metrics, /metrics/prometheus, /health; query API: %s/v1/openapi.json%n",
        options.changesPerSecond(),
        options.activeOrders(),
        stack.config().home(),
        pipeline.query().map(q -> "http://" + q.host() + ":" + q.port()).orElse("none"));
    String queryApi =
        pipeline
            .query()
            .map(q -> "http://" + q.host() + ":" + q.port())
            .orElse("(no query section in the pipeline file)");
    DemoProgress progress = new DemoProgress(out, workload, services, firstOrderNo, queryApi);
    long deadline =
        options.duration() == null
            ? Long.MAX_VALUE
            : System.nanoTime() + options.duration().toNanos();
    while (System.nanoTime() < deadline) {
      if (stopped.await(options.progressEvery().toMillis(), TimeUnit.MILLISECONDS)) {
        return;
      }
      progress.print();
      if (workload.failure() != null) {
        throw new IllegalStateException(
            "the workload failed: " + workload.failure().getMessage(), workload.failure());
      }
      if (services.failure() != null) {
        throw new IllegalStateException(
            "a service failed: " + services.failure(), services.failure());
      }
    }
    Runtime.getRuntime().removeShutdownHook(hook);
    shutdown(workload, services, stack, ours);
  }

  private void shutdown(
      OrderWorkload workload, LocalPipeline services, LocalStack stack, List<String> ours) {
    if (stopped.getCount() == 0) {
      return;
    }
    stopped.countDown();
    out.println("Stopping the workload and the services...");
    try {
      workload.close();
      services.close();
      if (!ours.isEmpty()) {
        out.println("Stopping the servers this demo started: " + String.join(", ", ours));
        stack.stop(ours);
      }
    } catch (Exception e) {
      out.println("stop failed: " + e);
    }
  }
}
