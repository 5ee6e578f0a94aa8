package io.widerow.e2e;

import io.widerow.stack.RenamedDemo;
import io.widerow.stack.SecondMariaDb;
import io.widerow.stack.StackEndpoints;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The cluster test's pipeline: the demo's tables and index renamed for one run, read from two
 * source servers, {@code eu} (the stack's MariaDB, database {@code <name>_0}) and {@code us} (the
 * second MariaDB, database {@code <name>_1}); the query API in a process of its own.
 */
final class ClusterPipeline {

  static final List<String> SOURCES = List.of("eu", "us");

  /** Consumers per merger and indexer process: two processes of each fill the 4 partitions. */
  static final int WORKERS = 2;

  private ClusterPipeline() {}

  static String yaml(String name) {
    String yaml = RenamedDemo.yaml(name, "widerow_it", "cluster", 1);
    long serverId = 10_000 + ThreadLocalRandom.current().nextInt(1_000_000);
    String sources =
        String.join(
            "\n",
            "sources:",
            source("eu", "${WIDEROW_MARIADB_PORT:-23306}", serverId, name + "_0"),
            source(
                "us",
                "${WIDEROW_MARIADB2_PORT:-" + SecondMariaDb.DEFAULT_PORT + "}",
                serverId + 1,
                name + "_1"),
            "",
            "tables:");
    yaml = replace(yaml, "(?s)^sources:\\n.*?^tables:", sources);
    return replace(yaml, "^query:$", "query:\n  servedByIndexer: false");
  }

  private static String source(String name, String port, long serverId, String database) {
    return String.join(
        "\n",
        "  - name: " + name,
        "    connector: mariadb",
        "    host: ${WIDEROW_MARIADB_HOST:-127.0.0.1}",
        "    port: " + port,
        "    user: widerow_cdc",
        "    passwordEnv: WIDEROW_CDC_PASSWORD",
        "    serverId: " + serverId,
        "    databases: [" + database + "]");
  }

  /** The services' environment: the stack, the second server's port, two workers per process. */
  static Map<String, String> environment(StackEndpoints stack, int secondPort) {
    Map<String, String> env = new HashMap<>(CrashPipeline.environment(stack));
    env.put("WIDEROW_MARIADB2_PORT", String.valueOf(secondPort));
    env.put("WIDEROW_KAFKA_WORKERS", String.valueOf(WORKERS));
    return env;
  }

  private static String replace(String text, String regex, String replacement) {
    Matcher m = Pattern.compile(regex, Pattern.MULTILINE).matcher(text);
    if (!m.find()) {
      throw new IllegalStateException("cluster pipeline: /" + regex + "/ not found");
    }
    return m.replaceFirst(Matcher.quoteReplacement(replacement));
  }
}
