package io.widerow.core.pipeline;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One pipeline file, validated: where rows come from, how they map to the wide row, and where the
 * row and its document go. Immutable; built only by {@link PipelineLoader}.
 *
 * @param name pipeline name, {@code [a-z][a-z0-9_]*}; names the HBase table, topics and index alias
 * @param sources source database instances, at least one
 * @param tables logical tables by name, in file order; exactly one has {@code root = true}
 * @param query the query API's listener, auth and limits; empty: no process serves the API
 * @param deadLetters how many records a service may set aside before it stops
 */
public record Pipeline(
    String name,
    List<Source> sources,
    Map<String, TableSpec> tables,
    HBaseSpec hbase,
    KafkaSpec kafka,
    ElasticsearchSpec elasticsearch,
    Optional<QuerySpec> query,
    DeadLetterSpec deadLetters) {

  /** A pipeline whose query API no process serves, with the default dead-letter limit. */
  public Pipeline(
      String name,
      List<Source> sources,
      Map<String, TableSpec> tables,
      HBaseSpec hbase,
      KafkaSpec kafka,
      ElasticsearchSpec elasticsearch) {
    this(name, sources, tables, hbase, kafka, elasticsearch, Optional.empty());
  }

  /** A pipeline with the default dead-letter limit. */
  public Pipeline(
      String name,
      List<Source> sources,
      Map<String, TableSpec> tables,
      HBaseSpec hbase,
      KafkaSpec kafka,
      ElasticsearchSpec elasticsearch,
      Optional<QuerySpec> query) {
    this(name, sources, tables, hbase, kafka, elasticsearch, query, DeadLetterSpec.DEFAULT);
  }

  public Pipeline {
    sources = List.copyOf(sources);
    tables = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(tables));
  }

  /** The table whose row decides whether the entity exists (its delete deletes the document). */
  public TableSpec rootTable() {
    return tables.values().stream()
        .filter(TableSpec::root)
        .findFirst()
        .orElseThrow(() -> new IllegalStateException("validated pipeline has no root table"));
  }

  /** The logical table a physical {@code database.table} maps to, if any. */
  public Optional<TableSpec> tableFor(String database, String physicalTable) {
    String qualified = database + "." + physicalTable;
    return tables.values().stream()
        .filter(t -> t.physical().matcher(qualified).matches())
        .findFirst();
  }

  public TableSpec table(String logicalName) {
    TableSpec spec = tables.get(logicalName);
    if (spec == null) {
      throw new IllegalArgumentException("no logical table '" + logicalName + "' in " + name);
    }
    return spec;
  }

  /** The same pipeline with its query API served as {@code query} says. */
  public Pipeline withQuery(QuerySpec query) {
    return new Pipeline(
        name, sources, tables, hbase, kafka, elasticsearch, Optional.of(query), deadLetters);
  }

  /** Kafka topic names of this pipeline. */
  public Topics topics() {
    return Topics.of(kafka.topicPrefix(), name);
  }
}
