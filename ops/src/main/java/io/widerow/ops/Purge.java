package io.widerow.ops;

import io.widerow.core.pipeline.Pipeline;
import io.widerow.core.pipeline.Source;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Removes tombstones old enough that no event they guard against can still arrive.
 *
 * <p>The rule: a tombstone cell exists so that a late event with an older version cannot bring the
 * row back (invariant 2). Events come from the source's binlog; one that was committed before the
 * tombstone can reach ingest only while its binlog file still exists and ingest has not yet read
 * past it. So a tombstone whose delete was committed more than the source's binlog retention plus
 * the most the pipeline may lag ago guards against nothing, and the purge refuses an {@code
 * --older-than} shorter than that.
 *
 * <p>Order: the document first, then the cells. A crash in between leaves the cells, which the next
 * purge finds again; the other order would leave a document no purge can find.
 */
public final class Purge {

  /** What a purge found and did. */
  public record Result(
      long rows, long cells, long documents, long deletedDocuments, long withoutCommitTime) {}

  /**
   * @param olderThan tombstones whose delete was committed longer ago than this go
   * @param maxLag the most the pipeline may be behind its sources (consumer lag and replays)
   * @param assumedRetention the operator's word for the binlog retention, instead of the servers'
   */
  public record Options(
      Duration olderThan, Duration maxLag, Duration assumedRetention, boolean dryRun, int batch) {}

  private final Pipeline pipeline;
  private final BinlogRetention retention;
  private final Tombstones.Store store;
  private final Tombstones.Documents documents;
  private final Function<String, String> entityKeyOf;
  private final PrintWriter out;
  private final OpsProgress progress;
  private final long nowMs;

  public Purge(
      Pipeline pipeline,
      BinlogRetention retention,
      Tombstones.Store store,
      Tombstones.Documents documents,
      Function<String, String> entityKeyOf,
      PrintWriter out,
      OpsProgress progress,
      long nowMs) {
    this.pipeline = pipeline;
    this.retention = retention;
    this.store = store;
    this.documents = documents;
    this.entityKeyOf = entityKeyOf;
    this.out = out;
    this.progress = progress;
    this.nowMs = nowMs;
  }

  /** Refuses an {@code --older-than} shorter than every source's retention plus the lag. */
  public void checkRule(Options options) throws Exception {
    for (Source source : pipeline.sources()) {
      BinlogRetention.Retention kept;
      if (options.assumedRetention() != null) {
        kept = new BinlogRetention.Retention(options.assumedRetention(), "--binlog-retention");
      } else {
        kept = retention.of(source);
        if (kept.retention().isZero()) {
          throw new OpsException(
              "source "
                  + source.name()
                  + " never expires its binlogs ("
                  + kept.setting()
                  + "): an event of any age could still be replayed from them, so no tombstone is"
                  + " old enough; set binlog_expire_logs_seconds on the server, or give"
                  + " --binlog-retention DURATION, the age past which you guarantee no binlog is"
                  + " replayed");
        }
      }
      Duration needed = kept.retention().plus(options.maxLag());
      if (options.olderThan().compareTo(needed) < 0) {
        throw new OpsException(
            "--older-than "
                + options.olderThan()
                + " is shorter than source "
                + source.name()
                + "'s binlog retention "
                + kept.retention()
                + " ("
                + kept.setting()
                + ") plus --max-lag "
                + options.maxLag()
                + ": a late event could still arrive for a tombstone that young; expected at least "
                + needed);
      }
    }
  }

  public Result run(Options options) throws Exception {
    checkRule(options);
    long cutoff = nowMs - options.olderThan().toMillis();
    String root = pipeline.rootTable().name();
    say(
        (options.dryRun() ? "counting (dry run) " : "removing ")
            + "tombstones of deletes committed before "
            + Instant.ofEpochMilli(cutoff));
    long[] counts = new long[5];
    progress.phase("scan", "rows", 0);
    store.scan(
        options.batch(),
        batch -> {
          List<Tombstones.Row> purge = new ArrayList<>();
          List<Tombstones.Document> docs = new ArrayList<>();
          for (Tombstones.Row row : batch) {
            List<Tombstones.Cell> old = new ArrayList<>();
            for (Tombstones.Cell cell : row.cells()) {
              if (cell.commitTsMs() <= 0) {
                counts[4]++; // no recorded commit time: its age cannot be told
              } else if (cell.commitTsMs() < cutoff) {
                old.add(cell);
                if (cell.qualifier().equals(root)) {
                  docs.add(
                      new Tombstones.Document(
                          entityKeyOf.apply(row.rowkey()), row.rowkey(), row.rowVersion()));
                }
              }
            }
            if (!old.isEmpty()) {
              purge.add(new Tombstones.Row(row.rowkey(), row.rowVersion(), old));
              counts[1] += old.size();
            }
          }
          counts[0] += purge.size();
          counts[2] += docs.size();
          if (!options.dryRun()) {
            if (!docs.isEmpty()) {
              counts[3] += documents.delete(docs);
            }
            store.delete(purge);
          }
          progress.advance(batch.size());
        });
    progress.end();
    Result result = new Result(counts[0], counts[1], counts[2], counts[3], counts[4]);
    say(
        (options.dryRun() ? "would remove " : "removed ")
            + result.cells()
            + " tombstone cell(s) in "
            + result.rows()
            + " row(s) and "
            + (options.dryRun() ? result.documents() : result.deletedDocuments())
            + " tombstone document(s)"
            + (result.withoutCommitTime() > 0
                ? "; left " + result.withoutCommitTime() + " without a recorded commit time"
                : ""));
    return result;
  }

  private void say(String line) {
    out.println("purge: " + line);
    out.flush();
  }
}
