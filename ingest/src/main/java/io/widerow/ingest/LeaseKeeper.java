package io.widerow.ingest;

import io.widerow.core.lease.Lease;
import io.widerow.core.lease.LeaseSettings;
import java.io.IOException;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps one source's lease on a thread of its own: stands by until the lease is free, takes it,
 * then renews it every {@code renewEvery}. Its engine may run only while the lease is held and may
 * write only while {@link #mayWrite()}: never two engines on one source (design "Ingest leases").
 */
public final class LeaseKeeper implements AutoCloseable {

  /** Told on the keeper's thread; must not block it for long (the lease is renewed there). */
  public interface Listener {
    void acquired(String source);

    void lost(String source, String why);
  }

  /** Where the keeper is; one way from STANDBY to HELD to LOST or RELEASED. */
  public enum State {
    STANDBY,
    HELD,
    LOST,
    RELEASED
  }

  private static final Logger LOG = LoggerFactory.getLogger(LeaseKeeper.class);

  private final String source;
  private final Lease lease;
  private final LeaseSettings settings;
  private final Listener listener;
  private final ScheduledExecutorService thread;
  private final AtomicReference<State> state = new AtomicReference<>(State.STANDBY);
  private Optional<String> reportedHolder = Optional.empty();
  private boolean storeFailing;

  public LeaseKeeper(String source, Lease lease, LeaseSettings settings, Listener listener) {
    this.source = source;
    this.lease = lease;
    this.settings = settings;
    this.listener = listener;
    this.thread =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "lease-" + source);
              t.setDaemon(true);
              return t;
            });
  }

  public void start() {
    thread.scheduleWithFixedDelay(
        this::tick, 0, settings.renewEvery().toMillis(), TimeUnit.MILLISECONDS);
  }

  public String source() {
    return source;
  }

  public State state() {
    return state.get();
  }

  /** Whether this source's engine may write now (see {@link Lease#mayWrite()}). */
  public boolean mayWrite() {
    return lease.mayWrite();
  }

  /** Who holds the lease, as last seen while standing by. */
  public Optional<String> holder() {
    return state() == State.HELD ? Optional.of(lease.owner()) : lease.lastSeenHolder();
  }

  private void tick() {
    try {
      switch (state.get()) {
        case STANDBY -> standBy();
        case HELD -> renew();
        default -> {
          // LOST or RELEASED: nothing more to do
        }
      }
      if (storeFailing) {
        LOG.info("source {}: lease table {} answers again", source, lease.key());
        storeFailing = false;
      }
    } catch (IOException | RuntimeException e) {
      // Retried at the next tick: the lease stays trusted as long as its last renewal allows.
      if (!storeFailing) {
        LOG.warn(
            "source {}: lease {} cannot be read or renewed (retried every {} ms; writes wait"
                + " once it is no longer trusted): {}",
            source,
            lease.key(),
            settings.renewEvery().toMillis(),
            e.toString());
        storeFailing = true;
      }
    }
  }

  private void standBy() throws IOException {
    if (lease.tryAcquire()) {
      state.set(State.HELD);
      LOG.info(
          "source {}: lease {} taken as {} (ttl {} s); starting its engine",
          source,
          lease.key(),
          lease.owner(),
          settings.ttl().toSeconds());
      listener.acquired(source);
      return;
    }
    Optional<String> holder = lease.lastSeenHolder();
    if (!holder.equals(reportedHolder)) {
      reportedHolder = holder;
      LOG.info(
          "source {}: standby, lease {} held by {}; its engine starts once that holder has"
              + " released it or not renewed it for {} s",
          source,
          lease.key(),
          holder.orElse("nobody"),
          settings.ttl().toSeconds());
    }
  }

  private void renew() throws IOException {
    if (!lease.renew()) {
      state.set(State.LOST);
      String why =
          "lease "
              + lease.key()
              + " was taken over by "
              + lease.lastSeenHolder().orElse("another ingest")
              + " (not renewed within "
              + settings.ttl().toSeconds()
              + " s); this engine stops writing";
      LOG.error("source {}: {}", source, why);
      listener.lost(source, why);
    }
  }

  /** Stops renewing and releases a held lease at once, so a standby takes over without waiting. */
  @Override
  public void close() throws InterruptedException {
    thread.shutdown();
    if (!thread.awaitTermination(10, TimeUnit.SECONDS)) {
      thread.shutdownNow();
    }
    if (state.compareAndSet(State.HELD, State.RELEASED)) {
      try {
        lease.release();
        LOG.info("source {}: lease {} released", source, lease.key());
      } catch (IOException | RuntimeException e) {
        LOG.warn(
            "source {}: lease {} not released ({}); a standby takes it after {} s",
            source,
            lease.key(),
            e.toString(),
            settings.ttl().toSeconds());
      }
    }
  }
}
