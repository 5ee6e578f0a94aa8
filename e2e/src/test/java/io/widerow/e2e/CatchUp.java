package io.widerow.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.widerow.stack.Deadline;
import io.widerow.stack.PipelineFiles;
import io.widerow.stack.StackEndpoints;
import io.widerow.testkit.TopicProgress;
import io.widerow.verify.VerifyCommand;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;

/**
 * The end of a crash or cluster test: wait until the pipeline has caught up, then run {@code
 * widerow verify} as an operator would.
 */
final class CatchUp {

  /** Caught up = nothing moved for this long with every lag at 0 and the markers indexed. */
  static final Duration QUIET = Duration.ofSeconds(10);

  private CatchUp() {}

  /**
   * Until every marker document exists, both consumer lags are 0, every service runs and neither
   * the topics nor ingest's received count moved for {@link #QUIET}. The binlog is ordered and
   * ingest stores batches in order, so once a source's marker is indexed, every earlier change of
   * that source was stored and published; the lags tell whether merger and indexer handed it on.
   */
  static void await(Crasher crasher, TopicProgress progress, List<URI> markers, Duration timeout)
      throws Exception {
    HttpClient http = HttpClient.newHttpClient();
    TopicProgress.Snapshot[] last = new TopicProgress.Snapshot[1];
    long[] ingestIn = {-1};
    long[] quietSince = {0};
    Deadline.after(timeout)
        .await(
            "pipeline caught up",
            Duration.ofSeconds(1),
            crasher::superviseOnce,
            () -> {
              TopicProgress.Snapshot now = progress.snapshot();
              long in =
                  crasher.services().stream()
                      .filter(p -> p.service().equals("ingest"))
                      .mapToLong(p -> p.total("ingest.in"))
                      .sum();
              boolean settled =
                  crasher.services().stream().allMatch(ServiceProcess::isRunning)
                      && now.lag() == 0
                      && allExist(http, markers);
              if (!settled || !now.equals(last[0]) || in != ingestIn[0]) {
                last[0] = settled ? now : null;
                ingestIn[0] = in;
                quietSince[0] = System.nanoTime();
                return false;
              }
              return System.nanoTime() - quietSince[0] >= QUIET.toNanos();
            });
  }

  private static boolean allExist(HttpClient http, List<URI> documents) throws Exception {
    for (URI doc : documents) {
      int status =
          http.send(HttpRequest.newBuilder(doc).build(), HttpResponse.BodyHandlers.discarding())
              .statusCode();
      if (status != 200) {
        return false;
      }
    }
    return true;
  }

  /** {@code widerow verify --pipeline FILE}, as an operator runs it; returns its output. */
  static String verify(StackEndpoints stack, Path pipelineFile) {
    return verify(PipelineFiles.environment(stack), pipelineFile);
  }

  /** The same, with the placeholders of the file resolved from {@code environment}. */
  static String verify(Map<String, String> environment, Path pipelineFile) {
    StringWriter out = new StringWriter();
    CommandLine cli = new CommandLine(new VerifyCommand(environment));
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(System.err, true));
    int exit = cli.execute("--pipeline", pipelineFile.toString());
    System.out.println("verify -> exit " + exit + "\n" + out);
    assertThat(exit).as(out.toString()).isIn(0, VerifyCommand.DIFFERENCES);
    return out.toString();
  }
}
