package io.widerow.cli;

import io.widerow.core.index.SearchPage;
import io.widerow.core.pipeline.Pipeline;
import io.widerow.core.row.WideRow;
import io.widerow.query.RowJson;
import io.widerow.query.WideRowClient;
import io.widerow.stack.LocalStack;
import io.widerow.stack.PipelineFiles;
import io.widerow.stack.StackEndpoints;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code widerow get KEY} and {@code widerow search QUERY}: the query path, as JSON. */
final class QueryCommands {

  /** Exit code when the key does not exist. */
  static final int NOT_FOUND = 4;

  private QueryCommands() {}

  abstract static class QueryCommand implements Callable<Integer> {
    @Option(
        names = "--pipeline",
        description = "Pipeline file (default: the demo pipeline on the local stack).")
    Path pipelineFile;

    WideRowClient open() throws Exception {
      StackEndpoints stack = LocalStack.fromEnvironment().endpoints();
      Pipeline pipeline = PipelineFiles.loadOrDemo(pipelineFile, stack);
      return WideRowClient.open(pipeline);
    }
  }

  @Command(name = "get", description = "Prints the whole entity with this key, from HBase.")
  static final class Get extends QueryCommand {
    @Parameters(index = "0", paramLabel = "KEY", description = "The entity key, e.g. ORD-00000001.")
    String key;

    @Override
    public Integer call() throws Exception {
      try (WideRowClient client = open()) {
        Optional<WideRow> row = client.get(key);
        if (row.isEmpty()) {
          System.err.println("no entity with key '" + key + "'");
          return NOT_FOUND;
        }
        System.out.println(RowJson.write(RowJson.row(key, row.get())));
        return 0;
      }
    }
  }

  @Command(
      name = "search",
      description =
          "Searches the index (query-string syntax) and prints the whole rows of the hits.")
  static final class Search extends QueryCommand {
    @Parameters(index = "0", paramLabel = "QUERY", description = "e.g. 'status:PAID AND total:>50'")
    String query;

    @Option(names = "--from", defaultValue = "0", description = "First hit (default 0).")
    int from;

    @Option(names = "--size", defaultValue = "10", description = "Hits per page (default 10).")
    int size;

    @Override
    public Integer call() throws Exception {
      try (WideRowClient client = open()) {
        SearchPage page = client.search(query, from, size);
        System.out.println(RowJson.write(RowJson.page(page, client::keyOf)));
        return 0;
      }
    }
  }
}
