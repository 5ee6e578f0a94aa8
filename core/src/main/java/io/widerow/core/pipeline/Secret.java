package io.widerow.core.pipeline;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;

/**
 * Where a secret is kept: an environment variable or a file (a mounted Kubernetes secret). It holds
 * only the reference, never the value, so printing a spec never prints a password; the value is
 * read when a client is built, and a missing variable or unreadable file is a configuration error
 * (exit code 2) naming the key and the variable or file.
 *
 * @param key the pipeline-file key that names the secret, as in {@code
 *     kafka.security.sasl.passwordEnv}
 * @param kind whether {@code reference} is a variable or a file
 * @param reference the variable's name or the file's path
 */
public record Secret(String key, Kind kind, String reference) {

  /** Where the value is read from. */
  public enum Kind {
    ENV,
    FILE
  }

  public static Secret env(String key, String variable) {
    return new Secret(key, Kind.ENV, variable);
  }

  public static Secret file(String key, String path) {
    return new Secret(key, Kind.FILE, path);
  }

  /** The value, from the process environment or the file. */
  public String reveal() {
    return reveal(System::getenv);
  }

  /**
   * The value; a file's content loses one trailing newline.
   *
   * @param environment environment variables by name
   * @throws PipelineConfigException naming the key and the variable or file when it cannot be read
   */
  public String reveal(Function<String, String> environment) {
    if (kind == Kind.ENV) {
      String value = environment.apply(reference);
      if (value == null || value.isEmpty()) {
        throw unreadable("environment variable '" + reference + "' is not set");
      }
      return value;
    }
    try {
      String value = Files.readString(Path.of(reference), StandardCharsets.UTF_8);
      value = value.endsWith("\r\n") ? value.substring(0, value.length() - 2) : value;
      value = value.endsWith("\n") ? value.substring(0, value.length() - 1) : value;
      if (value.isEmpty()) {
        throw unreadable("file '" + reference + "' is empty");
      }
      return value;
    } catch (IOException | RuntimeException e) {
      if (e instanceof PipelineConfigException config) {
        throw config;
      }
      throw unreadable(
          "cannot read file '" + reference + "' (" + e.getClass().getSimpleName() + ")");
    }
  }

  /** What the secret is, for messages: the key and where it is read from, never the value. */
  public String describe() {
    return key + " (" + (kind == Kind.ENV ? "environment variable '" : "file '") + reference + "')";
  }

  private PipelineConfigException unreadable(String problem) {
    return new PipelineConfigException(
        "pipeline file", List.of(key + ": " + problem + "; expected the secret there"));
  }
}
