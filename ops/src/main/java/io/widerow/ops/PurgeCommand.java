package io.widerow.ops;

import io.widerow.core.pipeline.Pipeline;
import io.widerow.core.rowkey.RowKeyCodec;
import io.widerow.ops.elasticsearch.ElasticsearchTombstoneDocuments;
import io.widerow.ops.hbase.HBaseTombstoneStore;
import io.widerow.ops.jdbc.JdbcBinlogRetention;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code widerow purge}: removes tombstones no late event can need any more. */
@Command(
    name = "purge",
    mixinStandardHelpOptions = true,
    description = {
      "Removes tombstone cells from HBase and tombstone documents from Elasticsearch whose delete"
          + " was committed at the source more than --older-than ago. Refuses a period shorter"
          + " than the sources' binlog retention (binlog_expire_logs_seconds, expire_logs_days)"
          + " plus --max-lag. Exit code 0: done; 1: refused (the reason is printed); 2: bad"
          + " arguments or configuration; 3: a server failed."
    })
public final class PurgeCommand implements Callable<Integer> {

  @Option(names = "--pipeline", required = true, paramLabel = "FILE", description = "The file.")
  Path pipelineFile;

  @Option(
      names = "--older-than",
      required = true,
      paramLabel = "DURATION",
      description =
          "ISO-8601 duration, e.g. P30D: tombstones of deletes committed before now - this.")
  Duration olderThan;

  @Option(
      names = "--max-lag",
      defaultValue = "PT1H",
      paramLabel = "DURATION",
      description = "The most the pipeline may lag behind its sources (default ${DEFAULT-VALUE}).")
  Duration maxLag;

  @Option(
      names = "--binlog-retention",
      paramLabel = "DURATION",
      description =
          "Use this as the sources' binlog retention instead of the servers' settings: for"
              + " binlogs kept elsewhere, or a server that never expires them.")
  Duration binlogRetention;

  @Option(names = "--dry-run", description = "Count what would go; remove nothing.")
  boolean dryRun;

  @Option(
      names = "--batch",
      defaultValue = "1000",
      description = "Rows per scan batch (default ${DEFAULT-VALUE}).")
  int batch;

  @Spec CommandSpec spec;

  private final Map<String, String> environment;

  public PurgeCommand() {
    this(System.getenv());
  }

  public PurgeCommand(Map<String, String> environment) {
    this.environment = Map.copyOf(environment);
  }

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    if (olderThan.isNegative() || olderThan.isZero() || maxLag.isNegative() || batch < 1) {
      throw new picocli.CommandLine.ParameterException(
          spec.commandLine(),
          "--older-than must be positive, --max-lag not negative and --batch at least 1; got "
              + olderThan
              + ", "
              + maxLag
              + ", "
              + batch);
    }
    return OpsCommands.run(
        spec,
        pipelineFile,
        environment,
        pipeline -> {
          purge(pipeline, out);
          return 0;
        });
  }

  private Purge.Result purge(Pipeline pipeline, PrintWriter out) throws Exception {
    Purge.Options options = new Purge.Options(olderThan, maxLag, binlogRetention, dryRun, batch);
    OpsProgress progress = new OpsProgress(out, "purge", System::nanoTime, Duration.ofSeconds(5));
    try (HBaseTombstoneStore store = HBaseTombstoneStore.open(pipeline.hbase());
        ElasticsearchTombstoneDocuments documents =
            ElasticsearchTombstoneDocuments.open(pipeline.elasticsearch())) {
      return new Purge(
              pipeline,
              new JdbcBinlogRetention(environment::get),
              store,
              documents,
              RowKeyCodec.of(pipeline.hbase())::decode,
              out,
              progress,
              System.currentTimeMillis())
          .run(options);
    }
  }
}
