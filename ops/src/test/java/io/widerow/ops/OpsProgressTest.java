package io.widerow.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class OpsProgressTest {

  @Test
  void aLineSaysDoneOfTotalTheRateAndTheTimeLeft() {
    AtomicLong nanos = new AtomicLong();
    StringWriter out = new StringWriter();
    OpsProgress progress =
        new OpsProgress(new PrintWriter(out), "rebuild", nanos::get, Duration.ofSeconds(5));
    progress.phase("scan", "docs", 1000);
    nanos.set(2_000_000_000L);
    progress.advance(200); // before the first 5 s: nothing printed
    assertThat(out.toString()).isEmpty();
    nanos.set(5_000_000_000L);
    progress.advance(300);
    assertThat(out.toString().trim())
        .isEqualTo("rebuild: scan: 500 / ~1000 docs, 100 docs/s, ~5 s left (5 s)");
    assertThat(progress.ratePerSecond()).isEqualTo(100.0);
  }

  @Test
  void withoutATotalThereIsNoTimeLeft() {
    AtomicLong nanos = new AtomicLong();
    StringWriter out = new StringWriter();
    OpsProgress progress =
        new OpsProgress(new PrintWriter(out), "purge", nanos::get, Duration.ofSeconds(5));
    progress.phase("scan", "rows", 0);
    nanos.set(4_000_000_000L);
    progress.advance(40);
    progress.end();
    assertThat(out.toString().trim()).isEqualTo("purge: scan: 40 rows, 10 rows/s (4 s)");
  }
}
