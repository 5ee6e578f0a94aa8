package io.widerow.core.pipeline;

import java.net.URI;
import java.util.List;

/**
 * The search index: alias {@code index} over physical index {@code index-<n>}.
 *
 * @param fields the document's searchable fields, in file order (the rowkey is always added)
 * @param refreshIntervalMs how often the index makes new writes searchable; the largest part of a
 *     change's freshness
 * @param analysis the custom analyzers and normalizers the fields may name
 * @param security the CA or fingerprint an https host is trusted by, and the credentials
 */
public record ElasticsearchSpec(
    List<URI> hosts,
    String index,
    int shards,
    int replicas,
    List<FieldSpec> fields,
    int refreshIntervalMs,
    Analysis analysis,
    ElasticsearchSecurity security) {

  /** The default of {@code elasticsearch.refreshIntervalMs}, as {@link PipelineKeys} defines it. */
  public static final int DEFAULT_REFRESH_INTERVAL_MS =
      PipelineKeys.ES_REFRESH_INTERVAL_MS.defaultInt();

  public ElasticsearchSpec {
    hosts = List.copyOf(hosts);
    fields = List.copyOf(fields);
  }

  /** A spec without TLS settings or credentials. */
  public ElasticsearchSpec(
      List<URI> hosts,
      String index,
      int shards,
      int replicas,
      List<FieldSpec> fields,
      int refreshIntervalMs) {
    this(
        hosts,
        index,
        shards,
        replicas,
        fields,
        refreshIntervalMs,
        Analysis.NONE,
        ElasticsearchSecurity.NONE);
  }

  /** The same cluster, credentials and fields, another index. */
  public ElasticsearchSpec withIndex(String newIndex, int newShards, int newReplicas) {
    return new ElasticsearchSpec(
        hosts, newIndex, newShards, newReplicas, fields, refreshIntervalMs, analysis, security);
  }

  /** A spec with the default refresh interval. */
  public ElasticsearchSpec(
      List<URI> hosts, String index, int shards, int replicas, List<FieldSpec> fields) {
    this(hosts, index, shards, replicas, fields, DEFAULT_REFRESH_INTERVAL_MS);
  }
}
