package io.widerow.ops;

import io.widerow.core.document.BuildOutcome;
import io.widerow.core.document.DocumentBuilder;
import io.widerow.core.document.IndexAction;
import io.widerow.core.row.WideRow;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * Builds a new physical index from HBase alone and moves the alias to it, while the live stream
 * goes on: scan every row into the new index, catch up the rows bumped since the scan began, swap
 * the alias atomically, catch up once more the rows bumped since the first catch-up began, retire
 * the old index. Every document carries its row's {@code m:v} as external version, so a catch-up
 * that writes a row the live indexer also wrote changes nothing, and an older read never replaces a
 * newer document.
 */
public final class Rebuild {

  /**
   * Bumps are found by their cells' write time on the region servers: this much earlier than the
   * local clock covers the clocks' skew; reading a row once more is harmless.
   */
  static final Duration CLOCK_MARGIN = Duration.ofSeconds(30);

  /** How the run ended; figures for the scan phase, which is the bulk of the work. */
  public record Result(
      String from,
      String to,
      long scanned,
      double scanSeconds,
      long caughtUp,
      List<RebuildIndex.Failure> failures,
      boolean swapped) {

    public double scanRate() {
      return scanSeconds <= 0 ? 0 : scanned / scanSeconds;
    }
  }

  /**
   * @param parallelism regions scanned at once
   * @param batch rows per bulk request
   * @param maxFailures documents that may fail (refused by the mapping, cells that do not decode)
   *     and still let the alias move; each is listed
   * @param keepOld leave the old index in place (outside the alias) instead of deleting it
   */
  public record Options(int parallelism, int batch, int maxFailures, boolean keepOld) {}

  private final RebuildSource source;
  private final RebuildIndex index;
  private final DocumentBuilder documents;
  private final PrintWriter out;
  private final OpsProgress progress;
  private final LongSupplier clockMs;

  public Rebuild(
      RebuildSource source,
      RebuildIndex index,
      DocumentBuilder documents,
      PrintWriter out,
      OpsProgress progress,
      LongSupplier clockMs) {
    this.source = source;
    this.index = index;
    this.documents = documents;
    this.out = out;
    this.progress = progress;
    this.clockMs = clockMs;
  }

  public Result run(Options options) throws Exception {
    List<String> old = index.aliasIndices();
    if (old.isEmpty()) {
      throw new OpsException(
          "alias "
              + index.alias()
              + " does not exist: there is no index to rebuild; the indexer creates the first one"
              + " when it starts");
    }
    String target = index.nextGeneration();
    long expected = 0;
    for (String o : old) {
      expected += index.documentCount(o);
    }
    index.create(target);
    say(
        "created "
            + target
            + " with the pipeline's mapping; alias "
            + index.alias()
            + " -> "
            + old);

    List<RebuildIndex.Failure> failures = Collections.synchronizedList(new ArrayList<>());
    long scanStart = clockMs.getAsLong() - CLOCK_MARGIN.toMillis();
    progress.phase("scan", "docs", expected);
    long startNanos = System.nanoTime();
    source.scanAll(options.parallelism(), options.batch(), rows -> write(target, rows, failures));
    double scanSeconds = (System.nanoTime() - startNanos) / 1e9;
    progress.end();
    long scanned = progress.done();

    long firstCatchUp = clockMs.getAsLong() - CLOCK_MARGIN.toMillis();
    long caughtUp = catchUp("catch-up", target, scanStart, options, failures);
    if (failures.size() > options.maxFailures()) {
      listFailures(failures);
      throw new OpsException(
          failures.size()
              + " document(s) could not be written to "
              + target
              + " (at most "
              + options.maxFailures()
              + " allowed by --max-failures): the alias stays on "
              + old
              + "; mend the cause (widerow explain KEY) and run widerow rebuild again; "
              + target
              + " is left for inspection and is deleted by the next rebuild's generation");
    }
    index.open(target);
    index.swap(old, target);
    say("alias " + index.alias() + " moved to " + target + " (atomically, from " + old + ")");
    caughtUp += catchUp("catch-up after the swap", target, firstCatchUp, options, failures);
    if (!failures.isEmpty()) {
      listFailures(failures);
    }
    for (String o : old) {
      if (options.keepOld()) {
        say("kept " + o + " outside the alias (--keep-old)");
      } else {
        index.delete(o);
        say("deleted " + o);
      }
    }
    return new Result(
        String.join(",", old), target, scanned, scanSeconds, caughtUp, List.copyOf(failures), true);
  }

  private long catchUp(
      String phase,
      String target,
      long sinceMs,
      Options options,
      List<RebuildIndex.Failure> failures)
      throws Exception {
    progress.phase(phase, "docs", 0);
    AtomicLong rows = new AtomicLong();
    source.scanBumpedSince(
        sinceMs,
        options.batch(),
        batch -> {
          rows.addAndGet(batch.size());
          write(target, batch, failures);
        });
    progress.end();
    return rows.get();
  }

  private void write(String target, List<WideRow> rows, List<RebuildIndex.Failure> failures)
      throws Exception {
    List<IndexAction> actions = new ArrayList<>(rows.size());
    for (WideRow row : rows) {
      if (row.version() == 0) {
        continue; // never bumped: its bump is on its way, and a catch-up or the indexer follows it
      }
      if (!row.undecodable().isEmpty()) {
        failures.add(
            new RebuildIndex.Failure(
                row.rowkey(), "cells that do not decode: " + row.undecodable().keySet()));
        continue;
      }
      BuildOutcome outcome = documents.build(row);
      if (outcome instanceof BuildOutcome.Ready ready) {
        actions.add(ready.action());
      } else {
        BuildOutcome.Rejected rejected = (BuildOutcome.Rejected) outcome;
        failures.add(new RebuildIndex.Failure(rejected.rowkey(), rejected.reason()));
      }
    }
    if (!actions.isEmpty()) {
      RebuildIndex.WriteOutcome outcome = index.write(target, actions);
      failures.addAll(outcome.failures());
    }
    progress.advance(rows.size());
  }

  private void listFailures(List<RebuildIndex.Failure> failures) {
    synchronized (failures) {
      failures.stream()
          .limit(20)
          .forEach(f -> say("  not written: rowkey " + f.rowkey() + ": " + f.reason()));
      if (failures.size() > 20) {
        say("  ... and " + (failures.size() - 20) + " more");
      }
    }
  }

  private void say(String line) {
    out.println("rebuild: " + line);
    out.flush();
  }
}
