package io.widerow.core.pipeline;

import java.util.Optional;
import java.util.regex.Pattern;

/** The name rules of the pipeline file, each with the wording its error uses. */
final class Names {

  // Names the HBase table, topics and index alias, so it takes the strictest rules of the three.
  static final Pattern PIPELINE = Pattern.compile("[a-z][a-z0-9_]*");
  static final String PIPELINE_EXPECTED = "a name matching [a-z][a-z0-9_]*";

  // Part of Debezium's logical server name and of its offset keys.
  static final Pattern SOURCE = PIPELINE;
  static final String SOURCE_EXPECTED = PIPELINE_EXPECTED;

  static final Pattern ENV_VAR = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
  static final String ENV_VAR_EXPECTED =
      "an environment variable name matching [A-Za-z_][A-Za-z0-9_]* (the variable, not the"
          + " password)";

  // A logical table name becomes an HBase qualifier ('#' starts the child key) and the part
  // before the first '.' of 'from: table.column'.
  static final Pattern TABLE = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
  static final String TABLE_EXPECTED = "a table name matching [A-Za-z_][A-Za-z0-9_]*";

  static final Pattern HOST = Pattern.compile("[^\\s,]+");
  static final String HOST_EXPECTED = "a host name or address";

  static final Pattern HBASE_NAMESPACE = Pattern.compile("[A-Za-z0-9_]+");
  static final String HBASE_NAMESPACE_EXPECTED = "an HBase namespace matching [A-Za-z0-9_]+";

  static final Pattern HBASE_TABLE = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.-]*");
  static final String HBASE_TABLE_EXPECTED =
      "an HBase table name matching [A-Za-z0-9_][A-Za-z0-9_.-]*";

  static final Pattern TOPIC_PREFIX = Pattern.compile("[A-Za-z0-9._-]+");
  static final String TOPIC_PREFIX_EXPECTED = "a topic name prefix matching [A-Za-z0-9._-]+";

  // Lowercase is Elasticsearch's rule; the length leaves room for the '-<n>' of physical indices
  // under its 255-byte limit.
  static final Pattern INDEX = Pattern.compile("[a-z0-9][a-z0-9_-]{0,199}");
  static final String INDEX_EXPECTED =
      "a lowercase index name matching [a-z0-9][a-z0-9_-]*, at most 200 characters";

  // A dot would make Elasticsearch read an object path; a leading '_' is its metadata namespace.
  /** A tokenizer or token filter as Elasticsearch names them. */
  static final Pattern ANALYSIS_PART = Pattern.compile("[a-z][a-z0-9_]*");

  static final String ANALYSIS_PART_EXPECTED = "a name matching [a-z][a-z0-9_]*, as in standard";

  static final Pattern FIELD = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]*");
  static final String FIELD_EXPECTED =
      "a field name matching [A-Za-z0-9][A-Za-z0-9_-]* (no leading '_', no dots)";

  private static final Pattern HOST_PORT = Pattern.compile("([^\\s,:]+):(\\d{1,5})");
  static final String HOST_PORTS_EXPECTED = "host:port[,host:port...] with ports in 1..65535";

  private Names() {}

  /** A required {@code host:port[,host:port...]} list, as Kafka and ZooKeeper clients take it. */
  static Optional<String> hostPorts(ConfigMap map, ConfigKey key) {
    return map.text(key)
        .filter(
            value -> {
              boolean valid = true;
              for (String hostPort : value.split(",", -1)) {
                var matcher = HOST_PORT.matcher(hostPort.strip());
                valid &= matcher.matches() && isPort(Integer.parseInt(matcher.group(2)));
              }
              if (!valid) {
                map.errors()
                    .invalid(map.pathOf(key), ConfigErrors.quote(value), HOST_PORTS_EXPECTED);
              }
              return valid;
            });
  }

  private static boolean isPort(int port) {
    return port >= 1 && port <= 65535;
  }
}
