package io.widerow.verify;

import io.widerow.core.pipeline.Pipeline;
import io.widerow.core.pipeline.PipelineConfigException;
import io.widerow.core.pipeline.PipelineLoader;
import io.widerow.kafka.KafkaKeyPublisher;
import io.widerow.verify.elasticsearch.ElasticsearchDocumentStore;
import io.widerow.verify.hbase.HBaseVerifyStore;
import io.widerow.verify.jdbc.JdbcSourceSide;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code widerow verify}: compares source, HBase and Elasticsearch entity by entity, and repairs.
 */
@Command(
    name = "verify",
    mixinStandardHelpOptions = true,
    description = {
      "Reads every entity of a pipeline from its source databases, compares the cells HBase holds"
          + " and the document Elasticsearch holds with what the source rows make, and prints one"
          + " line per difference and a count per kind. Exit code 0: no differences; 1:"
          + " differences; 2: bad arguments or configuration; 3: a server failed during the run."
    })
public final class VerifyCommand implements Callable<Integer> {

  public static final int DIFFERENCES = 1;
  public static final int BAD_CONFIG = 2;
  public static final int FAILED = 3;

  private static final Duration PROGRESS_EVERY = Duration.ofSeconds(5);

  @Option(names = "--pipeline", required = true, description = "The pipeline file.")
  Path pipelineFile;

  @Option(
      names = "--keys",
      split = ",",
      paramLabel = "KEY",
      description = "Check only these entity keys, e.g. ORD-1,ORD-2.")
  List<String> keys = List.of();

  @Option(names = "--sample", paramLabel = "N", description = "Check N random root entities.")
  int sample;

  @Option(
      names = "--repair",
      description =
          "Write the source's rows again into HBase at their versions (tombstones over cells the"
              + " source no longer has), then re-publish the keys so the index follows.")
  boolean repair;

  @Option(
      names = "--batch",
      defaultValue = "500",
      description = "Entities per HBase multi-get and index multi-get (default ${DEFAULT-VALUE}).")
  int batch;

  @Spec CommandSpec spec;

  private final Map<String, String> environment;

  public VerifyCommand() {
    this(System.getenv());
  }

  /**
   * @param environment resolves the pipeline file's placeholders and the password variables
   */
  public VerifyCommand(Map<String, String> environment) {
    this.environment = Map.copyOf(environment);
  }

  @Override
  public Integer call() throws Exception {
    checkArguments();
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    Pipeline pipeline;
    try {
      pipeline = load();
    } catch (PipelineConfigException | IOException e) {
      err.println("error: " + e.getMessage());
      return BAD_CONFIG;
    }
    try {
      VerifyReport.Summary summary = run(pipeline, out, err);
      return summary.differences() == 0 ? 0 : DIFFERENCES;
    } catch (VerifyConfigException | PipelineConfigException | EntityMerge.SourceOrderException e) {
      err.println("error: " + e.getMessage());
      return BAD_CONFIG;
    } catch (Exception e) {
      err.println("error: verify of " + pipeline.name() + " stopped: " + e);
      if (Boolean.getBoolean("widerow.debug")) {
        e.printStackTrace(err);
      }
      return FAILED;
    }
  }

  private VerifyReport.Summary run(Pipeline pipeline, PrintWriter out, PrintWriter err)
      throws Exception {
    try (JdbcSourceSide source = JdbcSourceSide.open(pipeline, environment::get);
        HBaseVerifyStore hbase = HBaseVerifyStore.open(pipeline.hbase());
        ElasticsearchDocumentStore index =
            ElasticsearchDocumentStore.open(pipeline.elasticsearch());
        KafkaKeyPublisher changes =
            repair
                ? KafkaKeyPublisher.create(
                    pipeline.kafka(),
                    "widerow-verify-" + pipeline.name(),
                    pipeline.topics().changes())
                : null) {
      Repairer repairer =
          repair
              ? new Repairer(hbase, hbase::raiseVersions, changes, System::currentTimeMillis)
              : null;
      Verifier verifier =
          new Verifier(
              pipeline,
              source,
              hbase,
              hbase,
              index,
              repairer,
              new VerifyReport(out),
              new Progress(err, System::nanoTime, PROGRESS_EVERY),
              err);
      return verifier.run(new Verifier.Options(keys, sample, repair, batch));
    }
  }

  private void checkArguments() {
    if (!keys.isEmpty() && sample != 0) {
      throw new ParameterException(spec.commandLine(), "--keys and --sample exclude each other");
    }
    if (sample < 0) {
      throw new ParameterException(spec.commandLine(), "--sample must be >= 1; got " + sample);
    }
    if (batch < 1 || batch > 10_000) {
      throw new ParameterException(spec.commandLine(), "--batch must be 1..10000; got " + batch);
    }
    if (keys.stream().anyMatch(String::isBlank)) {
      throw new ParameterException(spec.commandLine(), "--keys holds an empty key");
    }
  }

  private Pipeline load() throws IOException {
    String yaml = Files.readString(pipelineFile, StandardCharsets.UTF_8);
    return PipelineLoader.parse(yaml, pipelineFile.toString(), environment);
  }
}
