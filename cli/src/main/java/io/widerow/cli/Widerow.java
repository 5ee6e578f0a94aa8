package io.widerow.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code widerow} command. Each area of work is a subcommand class registered here (stack now;
 * demo, ingest, merger, indexer, get, search, verify and bench to come).
 */
@Command(
    name = "widerow",
    mixinStandardHelpOptions = true,
    version = "widerow 0.1.0",
    description = "Keeps an Elasticsearch index over multi-table entities in step with MariaDB.",
    subcommands = {
      StackCommand.class,
      DemoCommand.class,
      ServiceCommands.Ingest.class,
      ServiceCommands.Merger.class,
      ServiceCommands.Indexer.class,
      ServiceCommands.Query.class,
      QueryCommands.Get.class,
      QueryCommands.Search.class,
      ExplainCommand.class,
      io.widerow.verify.VerifyCommand.class,
      DlqCommand.class,
      io.widerow.ops.SnapshotCommand.class,
      io.widerow.ops.RebuildCommand.class,
      io.widerow.ops.PurgeCommand.class,
      io.widerow.bench.BenchCommand.class,
      CommandLine.HelpCommand.class
    })
public final class Widerow implements Runnable {

  /** Exit code for a failure the user can act on (a server did not start, bad config). */
  static final int FAILED = 1;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  public static void main(String[] args) {
    System.exit(commandLine().execute(args));
  }

  /** The command tree with widerow's error handling, also for tests. */
  public static CommandLine commandLine() {
    CommandLine cli = new CommandLine(new Widerow());
    cli.setExecutionExceptionHandler(
        (e, cmd, parsed) -> {
          // The message is written for a person (names the server and the log tail): no trace.
          cmd.getErr().println(cmd.getColorScheme().errorText("error: " + e.getMessage()));
          if (Boolean.getBoolean("widerow.debug")) {
            e.printStackTrace(cmd.getErr());
          }
          return FAILED;
        });
    return cli;
  }

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }
}
