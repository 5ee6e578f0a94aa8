package io.widerow.ops;

import io.widerow.core.document.DocumentBuilder;
import io.widerow.core.pipeline.Pipeline;
import io.widerow.core.rowkey.RowKeyCodec;
import io.widerow.ops.elasticsearch.ElasticsearchRebuildIndex;
import io.widerow.ops.hbase.HBaseRebuildSource;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code widerow rebuild}: a new physical index from HBase alone, then an atomic alias swap. */
@Command(
    name = "rebuild",
    mixinStandardHelpOptions = true,
    description = {
      "Builds a new physical index <alias>-<n+1> with the pipeline file's mapping from the HBase"
          + " table alone (no query reaches the sources), catches up the rows the live stream"
          + " changed meanwhile, moves the alias to it atomically, catches up once more and"
          + " deletes the old index. Run it while the indexers keep running. Exit code 0: the"
          + " alias moved; 1: it did not (the reason is printed); 2: bad arguments or"
          + " configuration."
    })
public final class RebuildCommand implements Callable<Integer> {

  @Option(names = "--pipeline", required = true, paramLabel = "FILE", description = "The file.")
  Path pipelineFile;

  @Option(
      names = "--parallel",
      defaultValue = "2",
      description = "Regions scanned at once (default ${DEFAULT-VALUE}).")
  int parallel;

  @Option(
      names = "--batch",
      defaultValue = "1000",
      description = "Rows per scan batch and bulk request (default ${DEFAULT-VALUE}).")
  int batch;

  @Option(
      names = "--max-failures",
      defaultValue = "0",
      description =
          "Documents that may fail (a value the mapping refuses, a cell that does not decode)"
              + " and still let the alias move; each is listed (default ${DEFAULT-VALUE}).")
  int maxFailures;

  @Option(names = "--keep-old", description = "Keep the old index (outside the alias).")
  boolean keepOld;

  @Spec CommandSpec spec;

  private final Map<String, String> environment;

  public RebuildCommand() {
    this(System.getenv());
  }

  public RebuildCommand(Map<String, String> environment) {
    this.environment = Map.copyOf(environment);
  }

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    return OpsCommands.run(
        spec,
        pipelineFile,
        environment,
        pipeline -> {
          Rebuild.Result result = rebuild(pipeline, out);
          out.printf(
              "rebuild: %s -> %s: %d rows scanned in %.1f s (%.0f docs/s), %d caught up, %d"
                  + " failed%n",
              result.from(),
              result.to(),
              result.scanned(),
              result.scanSeconds(),
              result.scanRate(),
              result.caughtUp(),
              result.failures().size());
          out.flush();
          return 0;
        });
  }

  /** The rebuild itself, for callers holding a loaded pipeline. */
  public Rebuild.Result rebuild(Pipeline pipeline, PrintWriter out) throws Exception {
    checkArguments();
    DocumentBuilder documents =
        new DocumentBuilder(pipeline, RowKeyCodec.of(pipeline.hbase())::decode);
    OpsProgress progress = new OpsProgress(out, "rebuild", System::nanoTime, Duration.ofSeconds(5));
    try (HBaseRebuildSource source = HBaseRebuildSource.open(pipeline.hbase());
        ElasticsearchRebuildIndex index =
            ElasticsearchRebuildIndex.open(pipeline.elasticsearch())) {
      return new Rebuild(source, index, documents, out, progress, System::currentTimeMillis)
          .run(new Rebuild.Options(parallel, batch, maxFailures, keepOld));
    }
  }

  private void checkArguments() {
    if (parallel < 1 || batch < 1 || maxFailures < 0) {
      throw new picocli.CommandLine.ParameterException(
          spec.commandLine(),
          "--parallel and --batch must be at least 1 and --max-failures at least 0; got "
              + parallel
              + ", "
              + batch
              + ", "
              + maxFailures);
    }
  }
}
