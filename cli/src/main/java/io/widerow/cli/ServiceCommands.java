package io.widerow.cli;

import io.widerow.indexer.IndexerService;
import io.widerow.ingest.IngestService;
import io.widerow.merger.MergerService;
import io.widerow.query.QueryService;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code widerow ingest|merger|indexer|query --pipeline FILE}: one service as its own process. */
final class ServiceCommands {

  private ServiceCommands() {}

  /** The options every service takes; validated again by the service itself. */
  abstract static class ServiceCommand implements Callable<Integer> {
    @Option(
        names = "--pipeline",
        required = true,
        paramLabel = "FILE",
        description = "The pipeline file.")
    String pipeline;

    @Option(
        names = "--admin-host",
        defaultValue = "127.0.0.1",
        description = "Address of the admin port (metrics, health; default ${DEFAULT-VALUE}).")
    String adminHost;

    @Option(
        names = "--admin-port",
        description =
            "Admin port (default: ingest 28081, merger 28082, indexer 28083, query 28084; 0 ="
                + " any).")
    Integer adminPort;

    @Option(
        names = "--instance-id",
        paramLabel = "ID",
        description =
            "This process among the service's instances, stable across its restarts (a pod"
                + " name): merger and indexer join their group as static members, ingest names"
                + " itself so in its sources' leases. Default: none (dynamic members; ingest"
                + " uses host:pid).")
    String instanceId;

    String[] args() {
      List<String> args =
          new ArrayList<>(List.of("--pipeline", pipeline, "--admin-host", adminHost));
      if (adminPort != null) {
        args.add("--admin-port");
        args.add(String.valueOf(adminPort));
      }
      if (instanceId != null) {
        args.add("--instance-id");
        args.add(instanceId);
      }
      return args.toArray(String[]::new);
    }
  }

  @Command(name = "ingest", description = "Runs ingest: binlog -> HBase cells -> change keys.")
  static final class Ingest extends ServiceCommand {
    @Option(
        names = "--source",
        paramLabel = "NAME",
        description =
            "Run only this source's engine (repeatable; default: every source of the pipeline)."
                + " One ingest per source: README \"Kubernetes\".")
    List<String> sources = new ArrayList<>();

    @Override
    public Integer call() {
      List<String> args = new ArrayList<>(List.of(args()));
      sources.forEach(s -> args.addAll(List.of("--source", s)));
      IngestService.main(args.toArray(String[]::new));
      return 0;
    }
  }

  @Command(name = "merger", description = "Runs merger: change keys -> version bumps -> keys.")
  static final class Merger extends ServiceCommand {
    @Override
    public Integer call() {
      MergerService.main(args());
      return 0;
    }
  }

  @Command(
      name = "indexer",
      description =
          "Runs indexer: keys -> rows -> Elasticsearch; also serves the query API when the"
              + " pipeline file's query section says so (servedByIndexer, default true).")
  static final class Indexer extends ServiceCommand {
    @Override
    public Integer call() {
      IndexerService.main(args());
      return 0;
    }
  }

  @Command(
      name = "query",
      description =
          "Runs the query API alone (stateless: reads HBase and Elasticsearch) on the listener"
              + " the pipeline file's query section names; metrics and health on the admin port.")
  static final class Query extends ServiceCommand {
    @Override
    public Integer call() {
      QueryService.main(args());
      return 0;
    }
  }
}
