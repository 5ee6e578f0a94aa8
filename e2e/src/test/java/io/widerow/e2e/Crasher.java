package io.widerow.e2e;

import io.widerow.stack.Deadline;
import io.widerow.stack.LocalStack;
import java.io.IOException;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Carries out a {@link CrashPlan} on running service processes and the local stack, and restarts
 * any service that ends on its own (e.g. when its retries ran out during a server outage), as a
 * process supervisor would. Everything it does is printed with the time since it started.
 */
final class Crasher implements AutoCloseable {

  /** How often services are sampled and checked while the plan pauses. */
  private static final Duration POLL = Duration.ofMillis(500);

  /** A service that dies again at once is restarted no faster than this: a supervisor's backoff. */
  private static final Duration RESTART_BACKOFF = Duration.ofSeconds(5);

  /** A service not up by then is reported as one that cannot restart. */
  private static final Duration UP_TIMEOUT = Duration.ofMinutes(2);

  /** One stop and start of a stack server and how long each took. */
  record ServerRestart(String server, Duration stop, Duration up) {}

  /** A kill -9 of a service and when it happened ({@link System#nanoTime()}). */
  record Kill(String service, long atNanos) {}

  private final Map<String, ServiceProcess> services = new LinkedHashMap<>();
  private final Map<String, Long> lastStartNanos = new LinkedHashMap<>();
  private final List<ServerRestart> serverRestarts = new ArrayList<>();
  private final List<Kill> kills = new java.util.concurrent.CopyOnWriteArrayList<>();
  private final java.util.Set<String> heldDown = new java.util.HashSet<>();
  private final LocalStack stack;
  private final PrintStream out;
  private final long startNanos = System.nanoTime();
  private final ScheduledExecutorService sampler =
      Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread t = new Thread(r, "crash-sampler");
            t.setDaemon(true);
            return t;
          });
  private String phase = "starting";

  Crasher(List<ServiceProcess> processes, LocalStack stack, PrintStream out) {
    processes.forEach(p -> services.put(p.name(), p));
    this.stack = stack;
    this.out = out;
  }

  /**
   * Starts every service, in the given order (consumers before their producers), and samples their
   * metrics from then on, also while a server restart blocks this thread for a minute.
   */
  void startAll() throws IOException {
    for (ServiceProcess p : services.values()) {
      start(p);
    }
    sampler.scheduleWithFixedDelay(
        () -> services.values().forEach(ServiceProcess::sample),
        0,
        POLL.toMillis(),
        TimeUnit.MILLISECONDS);
  }

  void run(List<CrashPlan.Fault> plan) throws Exception {
    for (CrashPlan.Fault fault : plan) {
      phase = "before " + fault.target();
      if (!fault.server() && !fault.whileStarting()) {
        awaitUp(services.get(fault.target()));
      }
      superviseFor(fault.pauseBefore());
      if (fault.server()) {
        restartServer(fault.target());
      } else {
        ServiceProcess p = services.get(fault.target());
        if (p.isRunning()) {
          p.kill9();
          kills.add(new Kill(p.name(), System.nanoTime()));
          note("kill -9 " + p.name() + " (kill " + p.kills() + ")");
        } else {
          note(p.name() + " was not running at its kill: counted as a restart only");
        }
        if (!fault.restartAfter().isZero()) {
          heldDown.add(p.name());
          superviseFor(fault.restartAfter());
          heldDown.remove(p.name());
          note("starting " + p.name() + " again");
        }
        start(p);
      }
    }
    phase = "after the plan";
  }

  /** Restarts the services that ended on their own. */
  void superviseOnce() throws IOException {
    for (ServiceProcess p : services.values()) {
      if (!heldDown.contains(p.name())
          && p.endedOnItsOwn().isPresent()
          && System.nanoTime() - lastStartNanos.get(p.name()) > RESTART_BACKOFF.toNanos()) {
        p.recordDeath(phase + " at " + elapsed());
        note(p.name() + " ended on its own (" + p.deaths().get(p.deaths().size() - 1) + ")");
        start(p);
      }
    }
  }

  /** A pause of the plan (not a synchronisation): the services are watched meanwhile. */
  void superviseFor(Duration pause) throws Exception {
    long end = System.nanoTime() + pause.toNanos();
    while (System.nanoTime() < end) {
      superviseOnce();
      Thread.sleep(Math.max(1, Math.min(POLL.toMillis(), (end - System.nanoTime()) / 1_000_000)));
    }
    superviseOnce();
  }

  /** Until every service has started its work. */
  void awaitAllUp() throws Exception {
    for (ServiceProcess p : services.values()) {
      awaitUp(p);
    }
  }

  /** Until the service has started its work: on a loaded box that takes 10-60 s. */
  private void awaitUp(ServiceProcess p) throws Exception {
    Deadline.after(UP_TIMEOUT).await(p.name() + " running", POLL, this::superviseOnce, p::isUp);
  }

  ServiceProcess service(String name) {
    return services.get(name);
  }

  List<ServiceProcess> services() {
    return List.copyOf(services.values());
  }

  List<ServerRestart> serverRestarts() {
    return List.copyOf(serverRestarts);
  }

  List<Kill> kills() {
    return List.copyOf(kills);
  }

  /** Seconds since the crasher was made, for reports. */
  String since(long nanos) {
    return String.format("+%.1fs", (nanos - startNanos) / 1e9);
  }

  void phase(String phase) {
    this.phase = phase;
  }

  /** Stops the services with SIGTERM, producers first. */
  @Override
  public void close() throws InterruptedException {
    sampler.shutdownNow();
    List<ServiceProcess> reversed = new ArrayList<>(services.values());
    java.util.Collections.reverse(reversed);
    for (ServiceProcess p : reversed) {
      p.close();
    }
  }

  /**
   * Stops the server as {@code widerow stack down} would (SIGTERM, then its own timeout) and starts
   * it again; the services are left to ride it out with their retries.
   */
  private void restartServer(String server) throws Exception {
    note("stopping " + server);
    long t0 = System.nanoTime();
    stack.stop(List.of(server));
    long t1 = System.nanoTime();
    note(server + " stopped; starting it again");
    stack.up();
    long t2 = System.nanoTime();
    ServerRestart r =
        new ServerRestart(server, Duration.ofNanos(t1 - t0), Duration.ofNanos(t2 - t1));
    serverRestarts.add(r);
    note(
        server
            + " up again (stop "
            + r.stop().toMillis()
            + " ms, up "
            + r.up().toMillis()
            + " ms)");
  }

  private void start(ServiceProcess p) throws IOException {
    p.start();
    lastStartNanos.put(p.name(), System.nanoTime());
  }

  void note(String what) {
    out.printf("[crash +%s] %s%n", elapsed(), what);
  }

  private String elapsed() {
    return String.format("%.1fs", (System.nanoTime() - startNanos) / 1e9);
  }
}
