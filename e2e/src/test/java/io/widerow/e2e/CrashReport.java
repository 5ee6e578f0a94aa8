package io.widerow.e2e;

import io.widerow.testkit.TopicProgress;
import java.io.PrintStream;
import java.time.Duration;

/**
 * The crash test's numbers: what was done to the pipeline and how much work it did twice. Service
 * counts are summed over incarnations from the last sample before each kill, so what an incarnation
 * did in its last half second is missing: the replay counts are lower bounds.
 */
final class CrashReport {

  private CrashReport() {}

  static void print(
      PrintStream out,
      long seed,
      Duration took,
      Crasher crasher,
      long sourceChanges,
      TopicProgress.Snapshot topics) {
    out.println("==== crash test report (seed " + seed + ", " + took.toSeconds() + " s) ====");
    for (ServiceProcess p : crasher.services()) {
      out.printf(
          "%-8s kills=%d restarts=%d died-on-its-own=%d%n",
          p.name(), p.kills(), p.restarts(), p.deaths().size());
      p.deaths().forEach(d -> out.println("         " + d));
    }
    crasher
        .serverRestarts()
        .forEach(
            r ->
                out.printf(
                    "%-13s stopped in %d ms, up again in %d ms%n",
                    r.server(), r.stop().toMillis(), r.up().toMillis()));
    ServiceProcess ingest = crasher.service("ingest");
    ServiceProcess merger = crasher.service("merger");
    ServiceProcess indexer = crasher.service("indexer");
    long ingestIn = ingest.total("ingest.in");
    out.printf(
        "source row changes %d; ingest received %d events (replayed >= %d), wrote %d cells,"
            + " published %d keys (changes topic holds %d)%n",
        sourceChanges,
        ingestIn,
        Math.max(0, ingestIn - sourceChanges),
        ingest.total("ingest.cells_written"),
        ingest.total("ingest.out"),
        topics.changes());
    long mergerIn = merger.total("merger.in");
    out.printf(
        "merger consumed %d of %d change keys (re-consumed >= %d), published %d keys (keys topic"
            + " holds %d)%n",
        mergerIn,
        topics.changes(),
        Math.max(0, mergerIn - topics.changes()),
        merger.total("merger.out"),
        topics.keys());
    long indexerIn = indexer.total("indexer.in");
    out.printf(
        "indexer consumed %d of %d keys (re-consumed >= %d): %d docs indexed, %d deleted, %d 409s"
            + " (already newer)%n",
        indexerIn,
        topics.keys(),
        Math.max(0, indexerIn - topics.keys()),
        indexer.total("indexer.docs_indexed"),
        indexer.total("indexer.deletes"),
        indexer.total("indexer.conflicts"));
    out.printf(
        "retries: ingest %d, merger %d, indexer %d; errors: ingest %d, merger %d, indexer %d%n",
        ingest.total("ingest.retries"),
        merger.total("merger.retries"),
        indexer.total("indexer.retries"),
        ingest.total("ingest.errors"),
        merger.total("merger.errors"),
        indexer.total("indexer.errors"));
  }
}
