package io.widerow.core.lease;

import com.google.common.base.Ticker;
import java.io.IOException;
import java.util.Optional;
import java.util.UUID;

/**
 * One owner's hold on one key of a {@link LeaseStore}: taken and renewed by compare-and-set, never
 * by comparing clocks. A contender takes a lease over only after it saw the same value unchanged
 * for a whole {@code ttl} on its own clock; the owner trusts its lease only until {@code ttl -
 * margin} after it <em>sent</em> its last successful renewal. The contender saw that value after it
 * was written, so the owner's trust ends at least {@code margin} before a takeover can happen,
 * whatever the two hosts' clocks read. Not thread-safe: one thread calls {@link #tryAcquire},
 * {@link #renew} and {@link #release}; {@link #mayWrite} may be called from any thread.
 */
public final class Lease {

  private static final String SEPARATOR = "|";

  private final LeaseStore store;
  private final String key;
  private final String owner;
  private final String incarnation = UUID.randomUUID().toString();
  private final LeaseSettings settings;
  private final Ticker ticker;

  private String held;
  private long seq;
  private volatile long trustedUntilNanos;
  private volatile boolean holding;
  private Optional<String> observed = Optional.empty();
  private long observedSinceNanos;

  /**
   * @param owner who holds it, for the logs of the others (an instance id, host and pid)
   */
  public Lease(LeaseStore store, String key, String owner, LeaseSettings settings, Ticker ticker) {
    if (owner.contains(SEPARATOR)) {
      throw new IllegalArgumentException(
          "lease owner '" + owner + "' must not contain '" + SEPARATOR + "'");
    }
    this.store = store;
    this.key = key;
    this.owner = owner;
    this.settings = settings;
    this.ticker = ticker;
  }

  public String key() {
    return key;
  }

  public String owner() {
    return owner;
  }

  /**
   * Takes the lease when it is free: nobody holds it, its holder released it, or its value has not
   * changed for a whole ttl since this lease first saw it (the holder died).
   *
   * @return whether this lease is held now
   */
  public boolean tryAcquire() throws IOException {
    if (holding) {
      return true;
    }
    long now = ticker.read();
    Optional<String> current = store.read(key);
    if (!current.equals(observed)) {
      observed = current;
      observedSinceNanos = now;
    }
    boolean free = current.isEmpty() || now - observedSinceNanos >= settings.ttl().toNanos();
    if (!free) {
      return false;
    }
    String next = value(1);
    long sentAt = ticker.read();
    if (store.compareAndSet(key, current, next)) {
      seq = 1;
      hold(next, sentAt);
      return true;
    }
    return false;
  }

  /**
   * Renews a held lease.
   *
   * @return false when another owner has taken it meanwhile: it is lost and never comes back
   * @throws IOException when the store cannot be reached; the lease stays held, trusted as long as
   *     the last renewal allows, and the next renewal tries again
   */
  public boolean renew() throws IOException {
    if (!holding) {
      return false;
    }
    String next = value(seq + 1);
    long sentAt = ticker.read();
    if (store.compareAndSet(key, Optional.of(held), next)) {
      seq++;
      hold(next, sentAt);
      return true;
    }
    lose();
    return false;
  }

  /**
   * Whether the holder may still write: the lease is held and trusted. False between a failed
   * renewal and the next successful one, and for good once it was lost or released.
   */
  public boolean mayWrite() {
    return holding && ticker.read() - trustedUntilNanos < 0;
  }

  public boolean isHeld() {
    return holding;
  }

  /** Gives the lease up at once, so that a contender takes it without waiting for the ttl. */
  public void release() throws IOException {
    if (!holding) {
      return;
    }
    String value = held;
    lose();
    store.compareAndDelete(key, value);
  }

  /** Who held the lease when this one last looked; empty when nobody did. */
  public Optional<String> lastSeenHolder() {
    return observed.map(Lease::ownerOf);
  }

  /** The owner part of a lease value. */
  static String ownerOf(String value) {
    int end = value.indexOf(SEPARATOR);
    return end < 0 ? value : value.substring(0, end);
  }

  private String value(long sequence) {
    return owner + SEPARATOR + incarnation + SEPARATOR + sequence;
  }

  private void hold(String value, long sentAtNanos) {
    held = value;
    trustedUntilNanos = sentAtNanos + settings.trusted().toNanos();
    holding = true;
    observed = Optional.of(value);
  }

  private void lose() {
    holding = false;
    held = null;
    observed = Optional.empty();
  }
}
