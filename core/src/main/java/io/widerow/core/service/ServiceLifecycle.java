package io.widerow.core.service;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A service's state machine with compare-and-set transitions, and its first failure: the first
 * error wins and is rethrown on the thread that awaits the service.
 */
public final class ServiceLifecycle {

  /** Where a service is in its life. */
  public enum State {
    CREATED,
    STARTING,
    RUNNING,
    STOPPING,
    STOPPED,
    FAILED
  }

  private final String name;
  private final AtomicReference<State> state = new AtomicReference<>(State.CREATED);
  private final AtomicReference<Throwable> failure = new AtomicReference<>();
  private final CountDownLatch ended = new CountDownLatch(1);

  public ServiceLifecycle(String name) {
    this.name = name;
  }

  public State state() {
    return state.get();
  }

  public boolean isRunning() {
    return state.get() == State.RUNNING;
  }

  /** CREATED → STARTING; throws when started twice. */
  public void starting() {
    if (!state.compareAndSet(State.CREATED, State.STARTING)) {
      throw new IllegalStateException(name + " cannot start from state " + state.get());
    }
  }

  /** STARTING → RUNNING, unless a stop or failure came first. */
  public boolean running() {
    return state.compareAndSet(State.STARTING, State.RUNNING);
  }

  /** Returns true for the one caller that moves the service to STOPPING. */
  public boolean stopping() {
    while (true) {
      State s = state.get();
      if (s == State.STOPPING || s == State.STOPPED || s == State.FAILED) {
        return false;
      }
      if (state.compareAndSet(s, State.STOPPING)) {
        return true;
      }
    }
  }

  public void stopped() {
    state.set(failure.get() == null ? State.STOPPED : State.FAILED);
    ended.countDown();
  }

  /** Records the failure (the first one wins) and marks the service failed. */
  public void fail(Throwable t) {
    failure.compareAndSet(null, t);
  }

  public Throwable failure() {
    return failure.get();
  }

  /** Blocks until stopped; rethrows the first failure. */
  public void await() throws Exception {
    ended.await();
    throwIfFailed();
  }

  public boolean await(long timeout, TimeUnit unit) throws InterruptedException {
    return ended.await(timeout, unit);
  }

  public void throwIfFailed() throws Exception {
    Throwable t = failure.get();
    if (t instanceof Exception e) {
      throw e;
    }
    if (t instanceof Error e) {
      throw e;
    }
  }
}
