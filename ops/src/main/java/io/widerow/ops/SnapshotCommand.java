package io.widerow.ops;

import io.widerow.core.pipeline.Pipeline;
import io.widerow.core.pipeline.Source;
import io.widerow.ops.jdbc.JdbcSnapshotSignals;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code widerow snapshot}: an incremental snapshot of some tables while the stream goes on. */
@Command(
    name = "snapshot",
    mixinStandardHelpOptions = true,
    description = {
      "Asks ingest for a Debezium incremental snapshot of the captured tables whose db.table"
          + " matches REGEX (an execute-snapshot row in the pipeline's signal table widerow.signal_<pipeline> on the source),"
          + " then follows it chunk by chunk until every row was read. Streaming goes on"
          + " meanwhile; chunk rows carry their versions, so none overwrites a newer change."
          + " Exit code 0: read; 1: refused or not finished within --timeout; 2: bad arguments"
          + " or configuration; 3: a server failed."
    })
public final class SnapshotCommand implements Callable<Integer> {

  @Option(names = "--pipeline", required = true, paramLabel = "FILE", description = "The file.")
  Path pipelineFile;

  @Option(
      names = "--tables",
      required = true,
      paramLabel = "REGEX",
      description = "Matches the whole db.table of each captured table to snapshot.")
  Pattern tables;

  @Option(
      names = "--source",
      paramLabel = "NAME",
      description = "Only these sources (default: every source of the pipeline).")
  List<String> sources = List.of();

  @Option(
      names = "--timeout",
      defaultValue = "PT30M",
      paramLabel = "DURATION",
      description = "How long to follow the snapshot (default ${DEFAULT-VALUE}).")
  Duration timeout;

  @Option(names = "--no-wait", description = "Ask for the snapshot and return.")
  boolean noWait;

  @Spec CommandSpec spec;

  private final Map<String, String> environment;

  public SnapshotCommand() {
    this(System.getenv());
  }

  public SnapshotCommand(Map<String, String> environment) {
    this.environment = Map.copyOf(environment);
  }

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    return OpsCommands.run(
        spec,
        pipelineFile,
        environment,
        pipeline -> snapshot(pipeline, new JdbcSnapshotSignals(pipeline, environment::get), out));
  }

  int snapshot(Pipeline pipeline, SnapshotSignals signals, PrintWriter out) throws Exception {
    List<Source> chosen = chosen(pipeline);
    List<Request> requests = new ArrayList<>();
    for (Source source : chosen) {
      Set<String> matching = new TreeSet<>();
      for (String table : signals.captured(source)) {
        if (tables.matcher(table).matches()) {
          matching.add(table);
        }
      }
      if (matching.isEmpty()) {
        continue;
      }
      if (!signals.usable(source)) {
        throw new OpsException(
            "source "
                + source.name()
                + ": user '"
                + source.user()
                + "' cannot write the signal table; run as an administrator: "
                + signals.grantFor(source)
                + ", then restart ingest");
      }
      long rows = 0;
      long chunks = 0;
      for (String table : matching) {
        long n = signals.rows(source, table);
        rows += n;
        chunks += (n + signals.chunkSize() - 1) / signals.chunkSize();
      }
      requests.add(new Request(source, matching, rows, chunks, signals.chunksRead(source)));
    }
    if (requests.isEmpty()) {
      throw new OpsException(
          "--tables '"
              + tables.pattern()
              + "' matches no table the pipeline captures on "
              + chosen.stream().map(Source::name).toList()
              + "; expected a pattern over db.table, e.g. 'shop_2\\.orders_.*'");
    }
    for (Request r : requests) {
      String id = signals.request(r.source(), r.tables());
      out.printf(
          "snapshot: source %s: signal %s asks for %d table(s), ~%d rows in ~%d chunk(s): %s%n",
          r.source().name(), id, r.tables().size(), r.rows(), r.chunks(), r.tables());
      out.flush();
    }
    return noWait ? 0 : follow(requests, signals, out);
  }

  /** Follows the chunks the engines read (their closing watermarks) until each request's count. */
  private int follow(List<Request> requests, SnapshotSignals signals, PrintWriter out)
      throws Exception {
    long totalRows = requests.stream().mapToLong(Request::rows).sum();
    OpsProgress progress =
        new OpsProgress(out, "snapshot", System::nanoTime, Duration.ofSeconds(5));
    progress.phase("rows read", "rows", totalRows);
    long deadline = System.nanoTime() + timeout.toNanos();
    long reported = 0;
    while (true) {
      boolean done = true;
      long rowsRead = 0;
      for (Request r : requests) {
        long chunks = Math.min(r.chunks(), signals.chunksRead(r.source()) - r.chunksBefore());
        rowsRead += Math.min(r.rows(), chunks * signals.chunkSize());
        done &= chunks >= r.chunks();
      }
      progress.advance(rowsRead - reported);
      reported = rowsRead;
      if (done) {
        progress.end();
        out.println(
            "snapshot: done: every chunk was read; the entities are indexed as they arrive");
        out.flush();
        return 0;
      }
      if (System.nanoTime() > deadline) {
        progress.end();
        throw new OpsException(
            "the snapshot has not finished within --timeout "
                + timeout
                + ": is ingest running for "
                + requests.stream().map(r -> r.source().name()).toList()
                + " (with its signal table usable; ingest's log says so at start)? The signal"
                + " stays: the engine takes it when it reads that far");
      }
      Thread.sleep(1000);
    }
  }

  private List<Source> chosen(Pipeline pipeline) {
    List<Source> chosen = new ArrayList<>();
    for (Source s : pipeline.sources()) {
      if (sources.isEmpty() || sources.contains(s.name())) {
        chosen.add(s);
      }
    }
    if (chosen.size() < Math.max(1, new TreeSet<>(sources).size())) {
      throw new OpsException(
          "--source "
              + sources
              + ": not every name is a source of pipeline "
              + pipeline.name()
              + "; its sources: "
              + pipeline.sources().stream().map(Source::name).toList());
    }
    return chosen;
  }

  private record Request(
      Source source, Set<String> tables, long rows, long chunks, long chunksBefore) {}
}
