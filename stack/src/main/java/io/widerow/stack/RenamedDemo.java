package io.widerow.stack;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The bundled demo pipeline file with every name made unique to one run: databases, HBase table,
 * topics, index and the replication client id; its query API takes any free port, so a run never
 * collides with the demo's. The address placeholders stay, resolved from the environment of whoever
 * loads it, so the same text drives services in this JVM and in others.
 */
public final class RenamedDemo {

  private RenamedDemo() {}

  /**
   * @param name the pipeline's name; databases become {@code <name>_0, <name>_1}
   * @param serverId the replication client id, unique per MariaDB server: two clients with one id
   *     disconnect each other
   */
  public static String yaml(String name, String hbaseNamespace, String topicPrefix, long serverId) {
    return yaml(PipelineFiles.demoText(), name, hbaseNamespace, topicPrefix, serverId);
  }

  /**
   * {@code text}, a pipeline file laid out as the demo's (databases {@code shop_*}, HBase table and
   * index {@code orders}, topic prefix {@code widerow}, query port placeholder), renamed the same
   * way.
   */
  public static String yaml(
      String text, String name, String hbaseNamespace, String topicPrefix, long serverId) {
    String yaml = text;
    yaml = replace(yaml, "^pipeline: \\S+$", "pipeline: " + name);
    yaml = replace(yaml, "shop_", name + "_");
    yaml = replace(yaml, "serverId: 5401", "serverId: " + serverId);
    yaml = replace(yaml, "^  namespace: widerow$", "  namespace: " + hbaseNamespace);
    yaml = replace(yaml, "^  table: orders$", "  table: " + name);
    yaml = replace(yaml, "^  topicPrefix: widerow$", "  topicPrefix: " + topicPrefix);
    yaml = replace(yaml, "^  port: \\$\\{WIDEROW_QUERY_PORT:-28080\\}$", "  port: 0");
    return replace(yaml, "^  index: orders$", "  index: " + name);
  }

  private static String replace(String text, String regex, String replacement) {
    Matcher m = Pattern.compile(regex, Pattern.MULTILINE).matcher(text);
    if (!m.find()) {
      throw new IllegalStateException("demo pipeline no longer contains /" + regex + "/");
    }
    return m.replaceAll(Matcher.quoteReplacement(replacement));
  }
}
