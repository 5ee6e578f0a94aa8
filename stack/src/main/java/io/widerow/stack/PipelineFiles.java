package io.widerow.stack;

import io.widerow.core.pipeline.Pipeline;
import io.widerow.core.pipeline.PipelineLoader;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * Loads a pipeline file, or the bundled demo pipeline pointed at the local stack, and supplies the
 * environment the services read passwords from.
 */
public final class PipelineFiles {

  public static final String DEMO_RESOURCE = "demo/orders.pipeline.yaml";

  private PipelineFiles() {}

  /** The demo pipeline with the local stack's addresses filled in (unless set in the env). */
  public static Pipeline demo(StackEndpoints stack) {
    return PipelineLoader.parse(demoText(), DEMO_RESOURCE, environment(stack));
  }

  /** {@code file}, or the demo pipeline on the local stack when {@code file} is null. */
  public static Pipeline loadOrDemo(Path file, StackEndpoints stack) {
    return file == null ? demo(stack) : PipelineLoader.load(file);
  }

  /** The process environment, with the local stack's addresses and CDC password as defaults. */
  public static Map<String, String> environment(StackEndpoints stack) {
    Map<String, String> env = new HashMap<>();
    env.put("WIDEROW_MARIADB_HOST", stack.mariadbHost());
    env.put("WIDEROW_MARIADB_PORT", String.valueOf(stack.mariadbPort()));
    env.put("WIDEROW_HBASE_ZOOKEEPER", stack.hbaseZookeeperQuorum());
    env.put("WIDEROW_KAFKA_BOOTSTRAP", stack.kafkaBootstrap());
    env.put("WIDEROW_ELASTICSEARCH_URL", stack.elasticsearchUrl());
    env.put("WIDEROW_CDC_PASSWORD", stack.cdcPassword());
    env.putAll(System.getenv());
    return env;
  }

  public static Function<String, String> lookup(Map<String, String> env) {
    return env::get;
  }

  public static String demoText() {
    return resourceText(DEMO_RESOURCE);
  }

  /** A pipeline file bundled on the classpath (the demo's, the bench's reference workload's). */
  public static String resourceText(String resource) {
    try (InputStream in = PipelineFiles.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException(resource + " is missing from the classpath");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
