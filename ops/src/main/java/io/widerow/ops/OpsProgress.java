package io.widerow.ops;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * Tells a person watching a long operation how far it got every few seconds: done of total, the
 * rate since the phase began, and the time left at that rate. Safe to advance from several threads.
 */
public final class OpsProgress {

  private final PrintWriter out;
  private final String command;
  private final LongSupplier nanoTime;
  private final long everyNanos;
  private String phase = "";
  private String unit = "";
  private long total;
  private long done;
  private long phaseStartNanos;
  private long lastNanos;

  public OpsProgress(PrintWriter out, String command, LongSupplier nanoTime, Duration every) {
    this.out = out;
    this.command = command;
    this.nanoTime = nanoTime;
    this.everyNanos = every.toNanos();
  }

  /** Starts a phase counting {@code unit}s; {@code total} 0 when unknown. */
  public synchronized void phase(String name, String unit, long total) {
    this.phase = name;
    this.unit = unit;
    this.total = total;
    this.done = 0;
    this.phaseStartNanos = nanoTime.getAsLong();
    this.lastNanos = phaseStartNanos;
  }

  public synchronized void advance(long count) {
    done += count;
    long now = nanoTime.getAsLong();
    if (now - lastNanos >= everyNanos) {
      lastNanos = now;
      print(now);
    }
  }

  /** Prints the phase's last line: what was done, and at which rate. */
  public synchronized void end() {
    print(nanoTime.getAsLong());
  }

  public synchronized double ratePerSecond() {
    double seconds = elapsedSeconds(nanoTime.getAsLong());
    return seconds <= 0 ? 0 : done / seconds;
  }

  public synchronized long done() {
    return done;
  }

  private void print(long now) {
    out.println(line(now));
    out.flush();
  }

  String line(long now) {
    double seconds = elapsedSeconds(now);
    double rate = seconds <= 0 ? 0 : done / seconds;
    StringBuilder line = new StringBuilder(command).append(": ").append(phase).append(": ");
    line.append(done);
    if (total > 0) {
      line.append(" / ~").append(total);
    }
    line.append(' ').append(unit).append(", ").append(Math.round(rate)).append(' ');
    line.append(unit).append("/s");
    if (total > 0 && rate > 0) {
      long left = Math.max(0, Math.round((total - done) / rate));
      line.append(", ~").append(left).append(" s left");
    }
    line.append(" (").append(Math.round(seconds)).append(" s)");
    return line.toString();
  }

  private double elapsedSeconds(long now) {
    return (now - phaseStartNanos) / 1e9;
  }
}
