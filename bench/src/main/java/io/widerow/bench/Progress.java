package io.widerow.bench;

import java.io.PrintStream;

/** Prints a phase's progress line at most every 5 s, so a long run shows it is alive. */
final class Progress {

  private static final long EVERY_NANOS = 5_000_000_000L;

  private final PrintStream out;
  private final String phase;
  private final long start = System.nanoTime();
  private long last = start;

  Progress(PrintStream out, String phase) {
    this.out = out;
    this.phase = phase;
  }

  /** Prints when 5 s passed since the last line; safe from several threads. */
  synchronized void maybe(String format, Object... args) {
    long now = System.nanoTime();
    if (now - last >= EVERY_NANOS) {
      last = now;
      out.printf("  [%s %3.0f s] %s%n", phase, (now - start) / 1e9, String.format(format, args));
    }
  }
}
