package io.widerow.core.pipeline;

/** The Kafka topics of one pipeline; all keyed by rowkey except Debezium's own. */
public record Topics(
    String changes, String keys, String dlq, String offsets, String schemaHistory) {

  public static Topics of(String prefix, String pipeline) {
    String base = prefix + "." + pipeline;
    return new Topics(
        base + ".changes",
        base + ".keys",
        base + ".dlq",
        base + ".ingest-offsets",
        base + ".schema-history");
  }
}
