package io.widerow.ops;

import io.widerow.core.pipeline.Pipeline;
import io.widerow.core.pipeline.PipelineConfigException;
import io.widerow.core.pipeline.PipelineLoader;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import picocli.CommandLine.Model.CommandSpec;

/** What the ops commands share: loading the pipeline file, and their exit codes. */
final class OpsCommands {

  static final int REFUSED = 1;
  static final int BAD_CONFIG = 2;
  static final int FAILED = 3;

  interface Body {
    int run(Pipeline pipeline) throws Exception;
  }

  private OpsCommands() {}

  static Pipeline load(Path file, Map<String, String> environment)
      throws IOException, PipelineConfigException {
    return PipelineLoader.parse(
        Files.readString(file, StandardCharsets.UTF_8), file.toString(), environment);
  }

  /** Loads the file and runs the body: bad config exits 2, a refusal 1, a server failure 3. */
  static int run(CommandSpec spec, Path file, Map<String, String> environment, Body body) {
    PrintWriter err = spec.commandLine().getErr();
    Pipeline pipeline;
    try {
      pipeline = load(file, environment);
    } catch (PipelineConfigException | IOException e) {
      err.println("error: " + e.getMessage());
      return BAD_CONFIG;
    }
    try {
      return body.run(pipeline);
    } catch (OpsException e) {
      err.println("error: " + e.getMessage());
      return REFUSED;
    } catch (picocli.CommandLine.ParameterException e) {
      throw e;
    } catch (Exception e) {
      err.println("error: " + spec.name() + " of " + pipeline.name() + " stopped: " + e);
      if (Boolean.getBoolean("widerow.debug")) {
        e.printStackTrace(err);
      }
      return FAILED;
    } finally {
      err.flush();
    }
  }
}
