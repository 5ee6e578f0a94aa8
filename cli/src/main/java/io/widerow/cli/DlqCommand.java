package io.widerow.cli;

import io.widerow.cli.kafka.DeadLetterTopic;
import io.widerow.cli.kafka.DeadLetterTopic.Letter;
import io.widerow.core.pipeline.Pipeline;
import io.widerow.stack.LocalStack;
import io.widerow.stack.PipelineFiles;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code widerow dlq list|replay}: the records the pipeline set aside, and their second chance. */
@Command(
    name = "dlq",
    mixinStandardHelpOptions = true,
    description = "List the dead letters of a pipeline, or send them through their stage again.",
    subcommands = {DlqCommand.ListLetters.class, DlqCommand.Replay.class})
final class DlqCommand implements Runnable {

  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** The options both subcommands take. */
  abstract static class LetterOptions {
    @Option(
        names = "--pipeline",
        paramLabel = "FILE",
        description = "Pipeline file (default: the demo pipeline on the local stack).")
    Path pipelineFile;

    @Option(
        names = "--stage",
        paramLabel = "PREFIX",
        description = "Only letters whose stage starts so, e.g. indexer or ingest.mapper.")
    String stage = "";

    @Option(
        names = "--from",
        paramLabel = "OFFSET",
        description = "First offset to read, on every partition (default: the oldest kept).")
    long from;

    @Option(
        names = "--to",
        paramLabel = "OFFSET",
        description = "Last offset to read, on every partition (default: the newest).")
    long to = Long.MAX_VALUE;

    @Spec CommandSpec spec;

    Pipeline pipeline() {
      if (from < 0 || to < from) {
        throw new ParameterException(
            spec.commandLine(), "--from and --to must satisfy 0 <= from <= to");
      }
      return pipelineFile != null
          ? io.widerow.core.pipeline.PipelineLoader.load(pipelineFile)
          : PipelineFiles.demo(LocalStack.fromEnvironment().endpoints());
    }

    boolean wanted(Letter letter) {
      return letter.stage().startsWith(stage);
    }
  }

  @Command(
      name = "list",
      description =
          "Prints one line per dead letter: partition@offset, time, stage, where, key and reason.")
  static final class ListLetters extends LetterOptions implements Callable<Integer> {
    @Option(
        names = "--limit",
        defaultValue = "100",
        description = "Most letters to print (default ${DEFAULT-VALUE}).")
    int limit;

    @Override
    public Integer call() throws Exception {
      PrintWriter out = spec.commandLine().getOut();
      Pipeline pipeline = pipeline();
      long[] shown = {0};
      long[] matching = {0};
      try (DeadLetterTopic topic = DeadLetterTopic.open(pipeline)) {
        topic.read(
            from,
            to,
            letter -> {
              if (!wanted(letter)) {
                return;
              }
              matching[0]++;
              if (shown[0] < limit) {
                shown[0]++;
                out.println(line(letter));
              }
            });
      }
      out.printf(
          "%d dead letters%s on %s%s%n",
          matching[0],
          stage.isEmpty() ? "" : " of stage " + stage + "*",
          pipeline.topics().dlq(),
          shown[0] < matching[0] ? "; " + shown[0] + " shown (--limit)" : "");
      out.flush();
      return 0;
    }

    private static String line(Letter letter) {
      return String.format(
          "%s %s %-16s %s key=%s %s%s",
          letter.position(),
          Instant.ofEpochMilli(letter.timestampMs()),
          letter.stage(),
          letter.where(),
          key(letter),
          letter.reason(),
          letter.valueDropped().isEmpty() ? "" : " (value dropped: " + letter.valueDropped() + ")");
    }

    private static String key(Letter letter) {
      if (letter.key() == null) {
        return "-";
      }
      String key = new String(letter.key(), StandardCharsets.UTF_8);
      return key.length() > 80 ? key.substring(0, 80) + "...(" + key.length() + " chars)" : key;
    }
  }

  @Command(
      name = "replay",
      description =
          "Sends each dead letter through the stage that set it aside, once its cause is mended:"
              + " merger letters to the changes topic, indexer letters to the keys topic, ingest"
              + " letters mapped and stored again. A letter that fails again is set aside again.")
  static final class Replay extends LetterOptions implements Callable<Integer> {
    @Option(names = "--dry-run", description = "Print what would be sent where; send nothing.")
    boolean dryRun;

    @Override
    public Integer call() throws Exception {
      PrintWriter out = spec.commandLine().getOut();
      Pipeline pipeline = pipeline();
      Map<DeadLetterReplay.Route, Long> routes = new EnumMap<>(DeadLetterReplay.Route.class);
      long[] last = {-1};
      try (DeadLetterTopic topic = DeadLetterTopic.open(pipeline);
          DeadLetterReplay replay = new DeadLetterReplay(pipeline, topic)) {
        topic.read(
            from,
            to,
            letter -> {
              if (!wanted(letter)) {
                return;
              }
              DeadLetterReplay.Route route = DeadLetterReplay.route(letter);
              String done =
                  dryRun
                      ? (route == DeadLetterReplay.Route.NONE
                          ? "would skip: " + DeadLetterReplay.whyNot(letter)
                          : "would go to " + route.name().toLowerCase(java.util.Locale.ROOT))
                      : replay.replay(letter);
              routes.merge(route, 1L, Long::sum);
              last[0] = Math.max(last[0], letter.offset());
              out.println(letter.position() + " " + letter.stage() + ": " + done);
            });
      }
      out.printf(
          "%s %d to the merger, %d to the indexer, %d through ingest; %d skipped%s%n",
          dryRun ? "would replay" : "replayed",
          routes.getOrDefault(DeadLetterReplay.Route.MERGER, 0L),
          routes.getOrDefault(DeadLetterReplay.Route.INDEXER, 0L),
          routes.getOrDefault(DeadLetterReplay.Route.INGEST, 0L),
          routes.getOrDefault(DeadLetterReplay.Route.NONE, 0L),
          last[0] < 0 ? "" : "; the next replay may start at --from " + (last[0] + 1));
      out.flush();
      return 0;
    }
  }
}
