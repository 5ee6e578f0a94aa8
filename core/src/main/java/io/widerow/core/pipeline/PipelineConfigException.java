package io.widerow.core.pipeline;

import java.util.List;

/** A pipeline file that cannot run: every problem found, each naming its key, value and remedy. */
public final class PipelineConfigException extends RuntimeException {

  private final String origin;
  private final List<String> errors;

  public PipelineConfigException(String origin, List<String> errors) {
    super(message(origin, errors));
    this.origin = origin;
    this.errors = List.copyOf(errors);
  }

  /** Where the pipeline file came from (its path, or what a test called it). */
  public String origin() {
    return origin;
  }

  /** The problems without the origin prefix, in the order the file was read. */
  public List<String> errors() {
    return errors;
  }

  private static String message(String origin, List<String> errors) {
    StringBuilder message =
        new StringBuilder(origin)
            .append(": ")
            .append(errors.size())
            .append(errors.size() == 1 ? " error" : " errors")
            .append(" in the pipeline file");
    for (String error : errors) {
      message.append(System.lineSeparator()).append(origin).append(": ").append(error);
    }
    return message.toString();
  }
}
