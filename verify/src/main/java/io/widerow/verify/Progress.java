package io.widerow.verify;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.function.LongSupplier;

/** Tells a person watching a long run how far it got, every few seconds, on stderr. */
final class Progress {

  private final PrintWriter err;
  private final LongSupplier nanoTime;
  private final long everyNanos;
  private long lastNanos;
  private String phase = "source";
  private long total;
  private long done;

  Progress(PrintWriter err, LongSupplier nanoTime, Duration every) {
    this.err = err;
    this.nanoTime = nanoTime;
    this.everyNanos = every.toNanos();
    this.lastNanos = nanoTime.getAsLong();
  }

  /** Starts a phase; {@code total} 0 when unknown. */
  void phase(String name, long total) {
    this.phase = name;
    this.total = total;
    this.done = 0;
  }

  void advance(int count, long differences) {
    done += count;
    long now = nanoTime.getAsLong();
    if (now - lastNanos >= everyNanos) {
      lastNanos = now;
      String of = total > 0 ? " / ~" + total : "";
      err.println(
          "verify: " + phase + ": " + done + of + " checked, " + differences + " differences");
      err.flush();
    }
  }
}
