package io.widerow.bench;

import com.google.common.util.concurrent.RateLimiter;
import io.widerow.workload.reference.ReferenceWorkload;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * The reference workload's probe (issue 16): about {@code samplesPerSecond} of the writers'
 * committed transactions are sampled, each noted with its order, the version it gave the order and
 * when commit() returned; a poller reads the sampled orders' documents every {@link #POLL_MILLIS}
 * ms by {@code _mget} with {@code realtime=false} (what a search sees), and a sample counts as
 * visible at the first read whose document carries its version or a later one. Lag is then accurate
 * to the poll period. Both times come from this JVM's monotonic clock.
 */
final class VersionProbe implements ReferenceWorkload.Committed, AutoCloseable {

  static final long POLL_MILLIS = 50;

  /** Documents read per poll at most: a far-behind pipeline must not turn the probe into load. */
  static final int MAX_IDS_PER_POLL = 1_000;

  /** Where the sampled orders' versions are read. */
  interface VersionIndex {
    Map<String, Long> versions(List<String> orderIds) throws Exception;
  }

  private record Sample(long seq, String orderId, long version) {}

  private final VersionIndex index;
  private final RateLimiter sampling;
  private final LagLog log = new LagLog();
  private final List<Sample> pending = new ArrayList<>();
  private volatile boolean samplingOn;
  private volatile boolean running;
  private volatile Exception failure;
  private long seq;
  private Thread poller;

  VersionProbe(VersionIndex index, double samplesPerSecond) {
    this.index = index;
    this.sampling = RateLimiter.create(samplesPerSecond);
  }

  void start() {
    running = true;
    poller = new Thread(this::poll, "bench-version-probe");
    poller.setDaemon(true);
    poller.start();
  }

  /** Sample committed transactions from now on (while a step runs). */
  void sample(boolean on) {
    samplingOn = on;
  }

  LagLog log() {
    return log;
  }

  Exception failure() {
    return failure;
  }

  /** Samples outstanding: committed, not yet seen. */
  int pending() {
    synchronized (pending) {
      return pending.size();
    }
  }

  @Override
  public void committed(String orderId, long version, long commitNanos) {
    if (!samplingOn || !sampling.tryAcquire()) {
      return;
    }
    synchronized (pending) {
      long s = ++seq;
      pending.add(new Sample(s, orderId, version));
      log.committed(s, commitNanos);
    }
  }

  private void poll() {
    try {
      while (running) {
        List<Sample> due;
        synchronized (pending) {
          due = List.copyOf(pending);
        }
        if (!due.isEmpty()) {
          resolve(due, index.versions(orderIds(due)), System.nanoTime());
        }
        TimeUnit.MILLISECONDS.sleep(POLL_MILLIS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (Exception e) {
      if (running) {
        failure = e;
      }
    }
  }

  private static List<String> orderIds(List<Sample> due) {
    Set<String> ids = new LinkedHashSet<>();
    for (Sample s : due) {
      if (ids.size() == MAX_IDS_PER_POLL) {
        break;
      }
      ids.add(s.orderId());
    }
    return List.copyOf(ids);
  }

  /** Marks visible every sample whose order's document shows its version or a later one. */
  private void resolve(List<Sample> due, Map<String, Long> versions, long now) {
    Set<Sample> seen = new HashSet<>();
    for (Sample s : due) {
      Long v = versions.get(s.orderId());
      if (v != null && v >= s.version()) {
        log.searchable(s.seq(), now);
        seen.add(s);
      }
    }
    synchronized (pending) {
      pending.removeAll(seen);
    }
  }

  @Override
  public void close() throws InterruptedException {
    running = false;
    if (poller != null) {
      poller.interrupt();
      poller.join(5_000);
    }
  }
}
