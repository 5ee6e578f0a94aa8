package io.widerow.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code widerow bench}: end-to-end and per-stage performance on the local stack. */
@Command(
    name = "bench",
    mixinStandardHelpOptions = true,
    description = {
      "Measures widerow on the running local stack with a fresh pipeline and schema: backfill"
          + " (pre-existing orders snapshotted until searchable), freshness (commit to searchable"
          + " at a fixed rate), streaming (stepped rates until lag is unbounded), memory, and each"
          + " stage alone (Debezium, HBase, Elasticsearch), and the query API (key lookups,"
          + " multi-gets, searches over 16 keep-alive connections). --workload reference runs"
          + " issue 16's production-shaped benchmark instead: backfill from launch of the three"
          + " service processes, an idle step, steps judged kept up or not, CPU and RSS per"
          + " process. Prints tables and writes JSON under <stack home>/bench/. Start the stack"
          + " first: ./widerow stack up"
    })
public final class BenchCommand implements Callable<Integer> {

  /** Which workload a run drives. */
  enum Workload {
    demo,
    reference
  }

  @Option(
      names = "--workload",
      defaultValue = "demo",
      description =
          "demo (the demo's order life-cycles, services in this JVM, ceilings and query phase) or"
              + " reference (issue 16: orders, payments and items at the 48/20/5/12/15 mix, the"
              + " services as three processes, CPU per process, each step judged kept up or not);"
              + " default ${DEFAULT-VALUE}.")
  Workload workload;

  @Option(
      names = "--in-jvm",
      description = "reference: run the three services in the bench's JVM instead of as processes.")
  boolean inJvm;

  @Option(
      names = "--idle",
      description = "reference: the idle step's length (default PT60S; quick PT10S; PT0S skips).")
  Duration idle;

  @Option(
      names = "--drain",
      description =
          "reference: how long after a step its sampled changes may take to become visible"
              + " (default PT60S).")
  Duration drain;

  @Option(
      names = "--no-verify",
      description = "reference: skip `widerow verify` of every entity after the last step.")
  boolean noVerify;

  @Option(
      names = "--samples",
      description = "reference: transactions sampled per second by the probe (default 40).")
  Double samples;

  @Option(names = "--quick", description = "Small and short: under 5 minutes.")
  boolean quick;

  @Option(
      names = "--orders",
      description =
          "Pre-existing orders (demo default 200000, quick 10000; reference default 50000, quick"
              + " 5000).")
  Long orders;

  @Option(
      names = "--rates",
      split = ",",
      description =
          "Streaming steps in changes/s (demo default 1000,2000,3000,5000,7000,10000; reference"
              + " default 500,1000,2000,2500,3000,3500,4000,5000, quick 500,1000,2000).")
  List<Integer> rates;

  @Option(
      names = "--step",
      description = "Length of each step (demo default PT45S; reference PT60S; quick PT20S).")
  Duration step;

  @Option(
      names = "--freshness-rate",
      defaultValue = "1000",
      description = "Rate freshness is measured at (default ${DEFAULT-VALUE}).")
  int freshnessRate;

  @Option(names = "--freshness", description = "Freshness duration (default PT60S; quick PT20S).")
  Duration freshness;

  @Option(
      names = "--workers",
      description =
          "Writer threads of the workload (demo default 16: 8 reached only ~4,000 changes/s;"
              + " reference default 4).")
  Integer workers;

  @Option(
      names = "--active-orders",
      defaultValue = "5000",
      description = "Orders in flight in the workload (default ${DEFAULT-VALUE}).")
  int activeOrders;

  @Option(names = "--no-ceilings", description = "Skip the stage ceilings.")
  boolean noCeilings;

  @Option(
      names = "--jfr",
      description =
          "Record the streaming phase with Flight Recorder (its default settings); the"
              + " recording costs CPU, so compare its figures only with other recorded runs.")
  boolean jfr;

  @Option(names = "--keep", description = "Keep the run's databases, HBase tables and indices.")
  boolean keep;

  @Option(
      names = "--processes",
      description =
          "How long ingest, merger and indexer then run as separate processes, for each one's"
              + " peak RSS (default PT30S; quick PT20S; PT0S skips).")
  Duration processes;

  @Option(
      names = "--query",
      description =
          "Only the query phase, on a backfill of --orders orders (default 20000) loaded for it.")
  boolean queryOnly;

  @Option(
      names = "--query-each",
      description =
          "Length of each kind of request in the query phase (default PT10S; quick PT5S; PT0S"
              + " skips).")
  Duration queryEach;

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    refuseTheOtherWorkloadsOptions();
    if (workload == Workload.reference) {
      new ReferenceBench(referenceOptions(), System.out).run();
      return 0;
    }
    BenchOptions options =
        new BenchOptions(
            quick,
            orders != null ? orders : quick ? 10_000 : queryOnly ? 20_000 : 200_000,
            rates != null
                ? rates
                : quick
                    ? List.of(1000, 2000, 3000, 5000)
                    : List.of(1000, 2000, 3000, 5000, 7000, 10000),
            step != null ? step : Duration.ofSeconds(quick ? 20 : 45),
            freshnessRate,
            freshness != null ? freshness : Duration.ofSeconds(quick ? 20 : 60),
            workers != null ? workers : 16,
            activeOrders,
            !noCeilings,
            jfr,
            keep,
            processes != null ? processes : Duration.ofSeconds(quick ? 20 : 30),
            queryEach != null ? queryEach : Duration.ofSeconds(quick ? 5 : 10),
            queryOnly);
    new Bench(options, System.out).run();
    return 0;
  }

  /** An option the chosen workload does not read is a mistake, not something to ignore. */
  private void refuseTheOtherWorkloadsOptions() {
    List<String> given = new ArrayList<>();
    if (workload == Workload.reference) {
      addIf(given, queryOnly, "--query");
      addIf(given, noCeilings, "--no-ceilings");
      addIf(given, jfr, "--jfr");
      addIf(given, freshness != null, "--freshness");
      addIf(given, processes != null, "--processes");
      addIf(given, queryEach != null, "--query-each");
    } else {
      addIf(given, inJvm, "--in-jvm");
      addIf(given, idle != null, "--idle");
      addIf(given, drain != null, "--drain");
      addIf(given, samples != null, "--samples");
      addIf(given, noVerify, "--no-verify");
    }
    if (!given.isEmpty()) {
      throw new ParameterException(
          spec.commandLine(),
          String.join(", ", given)
              + (given.size() == 1 ? " is" : " are")
              + " not read by --workload "
              + workload
              + "; expected without "
              + (given.size() == 1 ? "it" : "them")
              + " (see --help: each option names the workload it is for)");
    }
  }

  private static void addIf(List<String> given, boolean present, String option) {
    if (present) {
      given.add(option);
    }
  }

  private ReferenceOptions referenceOptions() {
    return new ReferenceOptions(
        orders != null ? orders : quick ? 5_000 : ReferenceOptions.DEFAULT_ORDERS,
        rates != null ? rates : quick ? List.of(500, 1000, 2000) : ReferenceOptions.DEFAULT_RATES,
        step != null ? step : quick ? Duration.ofSeconds(20) : ReferenceOptions.DEFAULT_STEP,
        idle != null ? idle : Duration.ofSeconds(quick ? 10 : 60),
        drain != null ? drain : Duration.ofSeconds(60),
        workers != null ? workers : ReferenceOptions.DEFAULT_WRITERS,
        samples != null ? samples : ReferenceOptions.DEFAULT_SAMPLES,
        inJvm,
        keep,
        !noVerify);
  }
}
