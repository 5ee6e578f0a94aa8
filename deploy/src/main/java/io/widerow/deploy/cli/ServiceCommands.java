package io.widerow.deploy.cli;

import io.widerow.indexer.IndexerService;
import io.widerow.ingest.IngestService;
import io.widerow.merger.MergerService;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code widerow ingest|merger|indexer --pipeline FILE}: one service as its own process. */
final class ServiceCommands {

  private ServiceCommands() {}

  /** Options are the service's own: {@code --pipeline FILE [--admin-host H] [--admin-port P]}. */
  abstract static class ServiceCommand implements Callable<Integer> {
    @Parameters(
        arity = "0..*",
        paramLabel = "OPTION",
        description = "--pipeline FILE [--admin-host HOST] [--admin-port PORT]")
    List<String> args = List.of();
  }

  @Command(name = "ingest", description = "Runs ingest: binlog -> HBase cells -> change keys.")
  static final class Ingest extends ServiceCommand {
    @Override
    public Integer call() {
      IngestService.main(args.toArray(String[]::new));
      return 0;
    }
  }

  @Command(name = "merger", description = "Runs merger: change keys -> version bumps -> keys.")
  static final class Merger extends ServiceCommand {
    @Override
    public Integer call() {
      MergerService.main(args.toArray(String[]::new));
      return 0;
    }
  }

  @Command(
      name = "indexer",
      description = "Runs indexer: keys -> rows -> Elasticsearch; serves the query endpoints.")
  static final class Indexer extends ServiceCommand {
    @Override
    public Integer call() {
      IndexerService.main(args.toArray(String[]::new));
      return 0;
    }
  }
}
