package io.widerow.cli;

import io.widerow.stack.LocalStack;
import io.widerow.stack.ServerStatus;
import io.widerow.stack.StartResult;
import io.widerow.stack.StopResult;
import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code widerow stack up|status|down}: the local stack of real servers. */
@Command(
    name = "stack",
    description = "Start, inspect or stop the local MariaDB, Kafka, HBase and Elasticsearch.",
    mixinStandardHelpOptions = true,
    subcommands = {StackCommand.Up.class, StackCommand.Status.class, StackCommand.Down.class})
final class StackCommand implements Runnable {

  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }

  @Command(name = "up", description = "Start every server not yet running; wait until all serve.")
  static final class Up implements Callable<Integer> {
    @Override
    public Integer call() throws Exception {
      LocalStack stack = LocalStack.fromEnvironment();
      long t0 = System.nanoTime();
      List<StartResult> results = stack.up();
      PrintStream out = System.out;
      for (StartResult r : results) {
        out.printf(
            "%-19s %-32s pid %-8d %s%n",
            r.server(),
            r.address(),
            r.pid(),
            (r.reused() ? "already running, healthy after " : "ready after ") + seconds(r.took()));
      }
      out.printf(
          "stack up in %s; config, data and logs under %s%n",
          seconds(Duration.ofNanos(System.nanoTime() - t0)), stack.config().home());
      return 0;
    }
  }

  @Command(name = "status", description = "Each server: address, pid, health and memory.")
  static final class Status implements Callable<Integer> {
    @Override
    public Integer call() throws Exception {
      LocalStack stack = LocalStack.fromEnvironment();
      List<ServerStatus> statuses = stack.status();
      System.out.printf(
          "%-19s %-32s %-8s %-10s %9s %9s%n", "SERVER", "ADDRESS", "PID", "HEALTH", "RSS", "PEAK");
      for (ServerStatus s : statuses) {
        System.out.printf(
            "%-19s %-32s %-8s %-10s %9s %9s%n",
            s.server(),
            s.address(),
            s.pid().isPresent() ? Long.toString(s.pid().getAsLong()) : "-",
            s.pid().isEmpty() ? "stopped" : s.healthy() ? "healthy" : "UNHEALTHY",
            mib(s.rssKib()),
            mib(s.peakRssKib()));
      }
      System.out.println("home: " + stack.config().home());
      boolean allHealthy = statuses.stream().allMatch(ServerStatus::healthy);
      return allHealthy ? 0 : Widerow.FAILED;
    }
  }

  @Command(name = "down", description = "Stop every server of the stack; data is kept.")
  static final class Down implements Callable<Integer> {
    @Override
    public Integer call() throws Exception {
      for (StopResult r : LocalStack.fromEnvironment().down()) {
        System.out.printf(
            "%-19s %s%n",
            r.server(),
            r.pid().isEmpty()
                ? "not running"
                : "pid "
                    + r.pid().getAsLong()
                    + (r.killed() ? " killed after " : " stopped in ")
                    + seconds(r.took()));
      }
      return 0;
    }
  }

  private static String seconds(Duration d) {
    return String.format("%.1f s", d.toMillis() / 1000.0);
  }

  private static String mib(OptionalLong kib) {
    return kib.isPresent() ? (kib.getAsLong() / 1024) + " MiB" : "-";
  }
}
