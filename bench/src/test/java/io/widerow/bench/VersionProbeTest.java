package io.widerow.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class VersionProbeTest {

  /** An index whose documents carry the versions the test sets; records what was asked. */
  private static final class FakeIndex implements VersionProbe.VersionIndex {
    final Map<String, Long> versions = new ConcurrentHashMap<>();
    final List<List<String>> asked = new CopyOnWriteArrayList<>();

    @Override
    public Map<String, Long> versions(List<String> orderIds) {
      asked.add(orderIds);
      Map<String, Long> found = new HashMap<>();
      for (String id : orderIds) {
        Long v = versions.get(id);
        if (v != null) {
          found.put(id, v);
        }
      }
      return found;
    }
  }

  @Test
  void aSampleIsVisibleOnlyOnceItsOrderCarriesItsVersionOrALaterOne() throws Exception {
    FakeIndex index = new FakeIndex();
    try (VersionProbe probe = new VersionProbe(index, 1_000)) {
      probe.sample(true);
      probe.start();
      probe.committed("ORD-1", 5, System.nanoTime());
      index.versions.put("ORD-1", 4L); // an older version of the order: not yet
      await().atMost(Duration.ofSeconds(30)).until(() -> index.asked.size() >= 3);
      assertThat(probe.pending()).isEqualTo(1);
      assertThat(probe.log().unresolved()).isEqualTo(1);

      index.versions.put("ORD-1", 6L); // a later version carries the change too
      await().atMost(Duration.ofSeconds(30)).until(() -> probe.pending() == 0);
      LagLog.Window w = probe.log().window(0, Long.MAX_VALUE, System.nanoTime());
      assertThat(w.markers()).isEqualTo(1);
      assertThat(w.unseen()).isZero();
      assertThat(probe.failure()).isNull();
    }
  }

  @Test
  void transactionsCommittedWhileSamplingIsOffAreNotSampled() throws Exception {
    FakeIndex index = new FakeIndex();
    try (VersionProbe probe = new VersionProbe(index, 1_000)) {
      probe.committed("ORD-1", 1, System.nanoTime());
      probe.sample(true);
      probe.committed("ORD-2", 1, System.nanoTime());
      probe.sample(false);
      probe.committed("ORD-3", 1, System.nanoTime());
      assertThat(probe.log().committedCount()).isEqualTo(1);
      assertThat(probe.pending()).isEqualTo(1);
    }
  }

  @Test
  void samplingIsCappedAtItsRate() throws Exception {
    FakeIndex index = new FakeIndex();
    try (VersionProbe probe = new VersionProbe(index, 1)) {
      probe.sample(true);
      for (int i = 0; i < 1_000; i++) {
        probe.committed("ORD-" + i, 1, System.nanoTime());
      }
      // A limiter at 1/s hands out its first permit at once, then one a second: 1,000 commits in
      // well under a second are at most 2 samples.
      assertThat(probe.log().committedCount()).isBetween(1L, 2L);
    }
  }

  @Test
  void aFailingIndexIsReportedAsTheProbesFailure() throws Exception {
    VersionProbe.VersionIndex broken =
        ids -> {
          throw new IOException("HTTP 500 from elasticsearch");
        };
    try (VersionProbe probe = new VersionProbe(broken, 1_000)) {
      probe.sample(true);
      probe.start();
      probe.committed("ORD-1", 1, System.nanoTime());
      await().atMost(Duration.ofSeconds(30)).until(() -> probe.failure() != null);
      assertThat(probe.failure()).hasMessage("HTTP 500 from elasticsearch");
    }
  }
}
