package io.widerow.cli;

import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code widerow demo}: orders flowing from MariaDB through HBase into Elasticsearch. */
@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    description = {
      "Starts the local stack, creates the demo order schema (2 databases x 2 shards of orders,"
          + " order_payment, order_fulfillment, order_refund, order_item), runs ingest, merger and"
          + " indexer, and drives order life-cycles at a steady rate. Ctrl-C stops everything."
    })
final class DemoCommand implements Callable<Integer> {

  @Option(
      names = "--rate",
      defaultValue = "500",
      description = "Source row changes per second (default ${DEFAULT-VALUE}).")
  double rate;

  @Option(
      names = "--orders",
      defaultValue = "2000",
      description = "Orders in flight at once (default ${DEFAULT-VALUE}).")
  int orders;

  @Option(
      names = "--workers",
      defaultValue = "2",
      description = "Writer threads (default ${DEFAULT-VALUE}).")
  int workers;

  @Option(
      names = "--duration",
      description = "Stop after this long, e.g. PT2M (default: until Ctrl-C).")
  Duration duration;

  @Option(
      names = "--reset",
      description =
          "Start from nothing: drop the demo's databases, HBase table, Kafka topics and index.")
  boolean reset;

  @Override
  public Integer call() throws Exception {
    if (rate <= 0 || orders < 1 || workers < 1) {
      throw new IllegalArgumentException(
          "--rate must be > 0, --orders and --workers >= 1; got "
              + rate
              + ", "
              + orders
              + ", "
              + workers);
    }
    new Demo(
            new Demo.Options(rate, orders, workers, duration, Duration.ofSeconds(5), reset),
            System.out)
        .run();
    return 0;
  }
}
