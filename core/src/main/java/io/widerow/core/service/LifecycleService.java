package io.widerow.core.service;

import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The skeleton every widerow service shares, so that each entry class only wires: {@link #open}
 * builds the clients and stages, the first failure wins and stops the service, and {@code stop()}
 * closes each resource by name, timed, in reverse order of opening.
 */
public abstract class LifecycleService implements ManagedService {

  private static final Logger LOG = LoggerFactory.getLogger(LifecycleService.class);

  private final String name;
  private final String logName;
  private final ServiceLifecycle lifecycle;
  private final NamedCloser closer;

  /**
   * @param name the service, for its threads and its closing log
   * @param logName how its log lines name it, e.g. {@code ingest of pipeline orders}; launchers
   *     wait for "{@code <logName> running: }"
   */
  protected LifecycleService(String name, String logName) {
    this.name = name;
    this.logName = logName;
    this.lifecycle = new ServiceLifecycle(name);
    this.closer = new NamedCloser(name);
  }

  /**
   * Opens the clients and starts the stages, registering each resource with {@code closer} as it
   * opens: they close in reverse order, so what others write to is registered first and closes
   * last. Stages report an asynchronous failure through {@link #fail}.
   */
  protected abstract void open(NamedCloser closer) throws Exception;

  /** What runs, for the log line that says the service is running. */
  protected abstract String describeRunning();

  @Override
  public final void start() throws Exception {
    lifecycle.starting();
    try {
      open(closer);
    } catch (Exception e) {
      lifecycle.fail(e);
      stop();
      throw e;
    }
    if (lifecycle.running()) {
      LOG.info("{} running: {}", logName, describeRunning());
    } else {
      // A stop (or a failure's stop) came while opening: close what opened after it closed.
      closer.close();
    }
  }

  /**
   * Records an asynchronous failure (the first one wins) and, while the service starts or runs,
   * stops it on a thread of its own: the failing thread may be one that the stop waits for.
   */
  protected final void fail(Throwable t) {
    lifecycle.fail(t);
    ServiceLifecycle.State state = lifecycle.state();
    if (state == ServiceLifecycle.State.STARTING || state == ServiceLifecycle.State.RUNNING) {
      Thread stopper = new Thread(this::stop, name + "-stop");
      stopper.setDaemon(false);
      stopper.start();
    }
  }

  @Override
  public final Optional<Throwable> failure() {
    return Optional.ofNullable(lifecycle.failure());
  }

  @Override
  public final void awaitStop() throws Exception {
    lifecycle.await();
  }

  @Override
  public final void stop() {
    if (!lifecycle.stopping()) {
      return;
    }
    long start = System.nanoTime();
    closer.close();
    lifecycle.stopped();
    LOG.info("{} stopped in {} ms", logName, (System.nanoTime() - start) / 1_000_000);
  }

  public final ServiceLifecycle.State state() {
    return lifecycle.state();
  }
}
