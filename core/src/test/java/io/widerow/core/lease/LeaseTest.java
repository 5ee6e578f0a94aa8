package io.widerow.core.lease;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.common.base.Ticker;
import java.io.IOException;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** A lease between contenders on one store, each with a clock of its own. */
class LeaseTest {

  private static final LeaseSettings SETTINGS = LeaseSettings.DEFAULT;

  private final MemoryStore store = new MemoryStore();
  private final ManualTicker clockA = new ManualTicker();
  private final ManualTicker clockB = new ManualTicker(); // another host: another reading
  private final Lease a = new Lease(store, "p/src", "ingest-a", SETTINGS, clockA);
  private final Lease b = new Lease(store, "p/src", "ingest-b", SETTINGS, clockB);

  @Test
  void firstContenderTakesAFreeLeaseAndTheSecondStandsBy() throws IOException {
    clockB.advance(Duration.ofHours(5));

    assertThat(a.tryAcquire()).isTrue();
    assertThat(b.tryAcquire()).isFalse();

    assertThat(a.mayWrite()).isTrue();
    assertThat(b.mayWrite()).isFalse();
    assertThat(b.lastSeenHolder()).contains("ingest-a");
  }

  @Test
  void aRenewedLeaseIsNeverTakenOver() throws IOException {
    a.tryAcquire();
    b.tryAcquire();
    for (int i = 0; i < 20; i++) {
      advanceBoth(SETTINGS.renewEvery());
      assertThat(a.renew()).isTrue();
      assertThat(b.tryAcquire()).as("round %d", i).isFalse();
      assertThat(a.mayWrite()).isTrue();
    }
  }

  @Test
  void aDeadHoldersLeaseIsTakenOverOnlyAfterAWholeTtlUnchanged() throws IOException {
    a.tryAcquire();
    assertThat(b.tryAcquire()).isFalse();

    clockB.advance(SETTINGS.ttl().minusMillis(1));
    assertThat(b.tryAcquire()).isFalse();
    clockB.advance(Duration.ofMillis(1));
    assertThat(b.tryAcquire()).isTrue();
    assertThat(b.mayWrite()).isTrue();
  }

  @Test
  void theOwnerStopsTrustingItsLeaseAMarginBeforeATakeoverIsPossible() throws IOException {
    a.tryAcquire();
    b.tryAcquire(); // b sees a's value at the same instant a sent it: the earliest possible

    advanceBoth(SETTINGS.ttl().minus(SETTINGS.margin()).minusMillis(1));
    assertThat(a.mayWrite()).isTrue();
    advanceBoth(Duration.ofMillis(1));
    assertThat(a.mayWrite()).as("paused owner, renewal not sent").isFalse();
    assertThat(b.tryAcquire()).as("still inside the margin").isFalse();

    advanceBoth(SETTINGS.margin());
    assertThat(b.tryAcquire()).isTrue();
    assertThat(a.mayWrite()).isFalse();
  }

  @Test
  void anOwnerThatWasTakenOverLearnsItAtItsNextRenewalAndNeverWritesAgain() throws IOException {
    a.tryAcquire();
    b.tryAcquire();
    advanceBoth(SETTINGS.ttl());
    assertThat(b.tryAcquire()).isTrue();

    assertThat(a.renew()).isFalse();
    assertThat(a.isHeld()).isFalse();
    assertThat(a.mayWrite()).isFalse();
    assertThat(a.renew()).isFalse();
    assertThat(b.renew()).isTrue();
  }

  @Test
  void aRenewalThatCannotReachTheStoreKeepsTheLeaseUntilTrustRunsOut() throws IOException {
    a.tryAcquire();
    store.down = true;
    clockA.advance(SETTINGS.renewEvery());
    assertThatThrownBy(a::renew).isInstanceOf(IOException.class);
    assertThat(a.mayWrite()).isTrue();

    clockA.advance(Duration.ofSeconds(4));
    assertThat(a.mayWrite()).as("7 s since the last renewal was sent").isFalse();

    store.down = false;
    assertThat(a.renew()).as("nobody took it meanwhile").isTrue();
    assertThat(a.mayWrite()).isTrue();
  }

  @Test
  void aReleasedLeaseIsTakenAtOnce() throws IOException {
    a.tryAcquire();
    assertThat(b.tryAcquire()).isFalse();

    a.release();

    assertThat(a.mayWrite()).isFalse();
    assertThat(b.tryAcquire()).isTrue();
  }

  @Test
  void aRestartedOwnerIsANewIncarnationAndWaitsLikeAnyContender() throws IOException {
    a.tryAcquire();
    Lease restarted = new Lease(store, "p/src", "ingest-a", SETTINGS, clockA);

    assertThat(restarted.tryAcquire()).isFalse();
    clockA.advance(SETTINGS.ttl());
    assertThat(restarted.tryAcquire()).isTrue();
  }

  @Test
  void twoContendersForAFreeLeaseGetItOnce() throws IOException {
    a.tryAcquire();
    a.release();
    // Both read "free"; only the first compare-and-set wins.
    store.beforeNextSet = () -> b.tryAcquire();

    assertThat(a.tryAcquire()).isFalse();
    assertThat(b.isHeld()).isTrue();
  }

  @Test
  void settingsThatLetTheLeaseLapseBetweenRenewalsAreRefused() {
    assertThatThrownBy(
            () ->
                new LeaseSettings(
                    Duration.ofSeconds(10), Duration.ofSeconds(8), Duration.ofSeconds(3)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("renewEvery (PT8S) must be shorter than ttl (PT10S) minus margin");
  }

  private void advanceBoth(Duration d) {
    clockA.advance(d);
    clockB.advance(d);
  }

  private static final class ManualTicker extends Ticker {
    private final AtomicLong nanos = new AtomicLong(123_456_789L);

    void advance(Duration d) {
      nanos.addAndGet(d.toNanos());
    }

    @Override
    public long read() {
      return nanos.get();
    }
  }

  /** Compare-and-set over a map, as HBase's checkAndMutate does over a row. */
  private static final class MemoryStore implements LeaseStore {
    private final Map<String, String> values = new HashMap<>();
    boolean down;
    Interleaved beforeNextSet;

    interface Interleaved {
      void run() throws IOException;
    }

    @Override
    public Optional<String> read(String key) throws IOException {
      failIfDown();
      return Optional.ofNullable(values.get(key));
    }

    @Override
    public boolean compareAndSet(String key, Optional<String> expected, String value)
        throws IOException {
      failIfDown();
      if (beforeNextSet != null) {
        Interleaved other = beforeNextSet;
        beforeNextSet = null;
        other.run();
      }
      if (!Optional.ofNullable(values.get(key)).equals(expected)) {
        return false;
      }
      values.put(key, value);
      return true;
    }

    @Override
    public boolean compareAndDelete(String key, String expected) throws IOException {
      failIfDown();
      return values.remove(key, expected);
    }

    @Override
    public void close() {}

    private void failIfDown() throws IOException {
      if (down) {
        throw new IOException("store down");
      }
    }
  }
}
