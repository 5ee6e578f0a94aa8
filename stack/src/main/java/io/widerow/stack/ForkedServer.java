package io.widerow.stack;

import java.io.File;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The life cycle every server shares: reuse a live one, else prepare its files, fork it in its own
 * session and wait until it is ready; stop it by pid. Subclasses say how to prepare, launch and
 * check one server.
 */
public abstract class ForkedServer implements ManagedServer {

  private static final Logger LOG = LoggerFactory.getLogger(ForkedServer.class);

  protected final StackConfig config;
  protected final Path dir;
  private final String name;

  protected ForkedServer(String name, StackConfig config) {
    this.name = name;
    this.config = config;
    this.dir = config.serverDir(name);
  }

  @Override
  public final String name() {
    return name;
  }

  /** Ports the server will listen on; each must be free before it is launched. */
  protected abstract List<Integer> ports();

  /** Installs, resolves and writes config: everything before the process is started. */
  protected abstract void prepare() throws Exception;

  /** Starts the server process and returns its pid, which is then in {@link #pidFile()}. */
  protected abstract long launch(Duration timeout) throws Exception;

  /** Polls until the server serves requests, giving up early if {@code pid} exits. */
  protected abstract void awaitReady(Deadline deadline, long pid) throws Exception;

  /**
   * What a running, ready server lacks that this launcher would give it (a server started by an
   * older launcher, e.g. without the secured side); empty when it is as this launcher starts it.
   */
  protected Optional<String> missingFromRunning() throws Exception {
    return Optional.empty();
  }

  protected Path pidFile() {
    return dir.resolve("server.pid");
  }

  @Override
  public String processMarker() {
    // Every server's command line names a file in its own directory (config, data or logs).
    return dir + File.separator;
  }

  @Override
  public OptionalLong runningPid() {
    try {
      if (!Files.isRegularFile(pidFile())) {
        return OptionalLong.empty();
      }
      long pid = Long.parseLong(Files.readString(pidFile()).trim());
      // A recycled pid belongs to some other program: check it is this server.
      boolean ours = Processes.isAlive(pid) && Processes.commandLine(pid).contains(processMarker());
      return ours ? OptionalLong.of(pid) : OptionalLong.empty();
    } catch (IOException | NumberFormatException e) {
      return OptionalLong.empty();
    }
  }

  @Override
  public final StartResult start(Duration readyTimeout) throws Exception {
    long t0 = System.nanoTime();
    OptionalLong running = runningPid();
    if (running.isPresent()) {
      long pid = running.getAsLong();
      LOG.info("{}: already running as pid {}, checking it", name, pid);
      awaitReady(Deadline.after(readyTimeout), pid);
      Optional<String> missing = missingFromRunning();
      if (missing.isEmpty()) {
        return new StartResult(
            name, address(), pid, true, Duration.ofNanos(System.nanoTime() - t0));
      }
      LOG.warn("{}: pid {} runs without {}; restarting it", name, pid, missing.get());
      stop(config.stopTimeout());
    }
    Files.createDirectories(dir);
    Files.deleteIfExists(pidFile());
    requirePortsFree();
    prepare();
    LOG.info("{}: starting on {}", name, address());
    long pid = launch(readyTimeout);
    awaitReady(Deadline.after(readyTimeout), pid);
    Optional<String> missing = missingFromRunning();
    if (missing.isPresent()) {
      throw new IllegalStateException(
          name + " started as pid " + pid + " but without " + missing.get());
    }
    return new StartResult(name, address(), pid, false, Duration.ofNanos(System.nanoTime() - t0));
  }

  @Override
  public StopResult stop(Duration grace) throws InterruptedException {
    OptionalLong pid = runningPid();
    if (pid.isEmpty()) {
      deletePidFile();
      return StopResult.notRunning(name);
    }
    long t0 = System.nanoTime();
    boolean killed = Processes.terminate(pid.getAsLong(), grace);
    deletePidFile();
    return new StopResult(name, pid, Duration.ofNanos(System.nanoTime() - t0), killed);
  }

  /**
   * Forks {@code command} in a new session, so Ctrl-C in the terminal that ran {@code widerow stack
   * up} does not reach the server, with stdout and stderr appended to {@code output}.
   */
  protected long fork(List<String> command, Map<String, String> env, Path output)
      throws IOException {
    rotate(output);
    List<String> full = new ArrayList<>();
    full.add("setsid");
    full.addAll(command);
    ProcessBuilder pb =
        new ProcessBuilder(full)
            .directory(dir.toFile())
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(output.toFile()))
            .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
    pb.environment().putAll(env);
    // setsid execs the command in place (a child of the JVM is no group leader): same pid.
    long pid = pb.start().pid();
    Files.writeString(pidFile(), Long.toString(pid));
    return pid;
  }

  /** Fails the wait at once when the server process has exited. */
  protected Deadline.Guard whileAlive(long pid) {
    return () -> {
      if (!Processes.isAlive(pid)) {
        throw new IllegalStateException(name + " process " + pid + " exited during start-up");
      }
    };
  }

  /** Keeps the previous run's log as {@code <file>.1} so the tail shows only this run. */
  protected static void rotate(Path log) throws IOException {
    if (Files.exists(log)) {
      Files.move(
          log, log.resolveSibling(log.getFileName() + ".1"), StandardCopyOption.REPLACE_EXISTING);
    }
  }

  protected static boolean isListening(int port) {
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress(StackEndpoints.HOST, port), 500);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  private void requirePortsFree() {
    for (int port : ports()) {
      if (isListening(port)) {
        throw new IllegalStateException(
            "port "
                + port
                + " on "
                + StackEndpoints.HOST
                + " is in use by a process that is not this stack's "
                + name
                + " (pid file "
                + pidFile()
                + "); stop it or choose another port (see README, Ports)");
      }
    }
  }

  private void deletePidFile() {
    try {
      Files.deleteIfExists(pidFile());
    } catch (IOException e) {
      LOG.warn("{}: cannot delete {}: {}", name, pidFile(), e.toString());
    }
  }
}
