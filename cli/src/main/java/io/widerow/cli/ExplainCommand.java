package io.widerow.cli;

import io.widerow.core.pipeline.Pipeline;
import io.widerow.core.row.WideRowStore;
import io.widerow.hbase.HBaseWideRowStore;
import io.widerow.query.RowJson;
import io.widerow.query.elasticsearch.ElasticsearchDocumentLookup;
import io.widerow.query.explain.Explainer;
import io.widerow.query.explain.Explanation;
import io.widerow.query.kafka.KafkaPipelineBacklog;
import io.widerow.stack.LocalStack;
import io.widerow.stack.PipelineFiles;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code widerow explain KEY}: what is stored for an entity, and whether the index agrees. */
@Command(
    name = "explain",
    mixinStandardHelpOptions = true,
    description = {
      "Explains one entity: each cell of its wide row (logical table, source db.table, primary"
          + " key, version, binlog position and commit time, tombstone or not), the row's m:v,"
          + " the document's _version, whether they agree, and what waits for the merger and the"
          + " indexer on its partitions. Exit code 0 when the index agrees, 1 when it does not,"
          + " 4 when nothing is stored for the key."
    })
final class ExplainCommand implements Callable<Integer> {

  static final int DISAGREES = 1;

  @Parameters(index = "0", paramLabel = "KEY", description = "The entity key, e.g. ORD-00000001.")
  String key;

  @Option(
      names = "--pipeline",
      paramLabel = "FILE",
      description = "Pipeline file (default: the demo pipeline on the local stack).")
  Path pipelineFile;

  @Option(names = "--json", description = "Print the explanation as JSON, as the HTTP API does.")
  boolean json;

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    Pipeline pipeline =
        pipelineFile != null
            ? io.widerow.core.pipeline.PipelineLoader.load(pipelineFile)
            : PipelineFiles.demo(LocalStack.fromEnvironment().endpoints());
    Explanation explanation;
    try (WideRowStore store = HBaseWideRowStore.open(pipeline.hbase());
        Explainer explainer =
            new Explainer(
                pipeline,
                store,
                ElasticsearchDocumentLookup.open(pipeline.elasticsearch()),
                KafkaPipelineBacklog.open(pipeline),
                System::currentTimeMillis)) {
      explanation = explainer.explain(key);
    }
    PrintWriter out = spec.commandLine().getOut();
    out.print(json ? RowJson.write(explanation.toJson()) + "\n" : explanation.text());
    out.flush();
    if (explanation.state() == Explanation.IndexState.UNKNOWN) {
      return QueryCommands.NOT_FOUND;
    }
    return explanation.agrees() ? 0 : DISAGREES;
  }
}
