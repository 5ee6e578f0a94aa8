package io.widerow.core.pipeline;

import java.net.URI;
import java.util.List;

/**
 * The search index: alias {@code index} over physical index {@code index-<n>}.
 *
 * @param fields the document's searchable fields, in file order (the rowkey is always added)
 * @param refreshIntervalMs how often the index makes new writes searchable; the largest part of a
 *     change's freshness
 */
public record ElasticsearchSpec(
    List<URI> hosts,
    String index,
    int shards,
    int replicas,
    List<FieldSpec> fields,
    int refreshIntervalMs) {

  /**
   * Half of Elasticsearch's own 1 s: a change waits half the interval on average for the refresh
   * that makes it searchable, and at 1 s that alone was half of the measured lag.
   */
  public static final int DEFAULT_REFRESH_INTERVAL_MS = 500;

  public ElasticsearchSpec {
    hosts = List.copyOf(hosts);
    fields = List.copyOf(fields);
  }

  /** A spec with the default refresh interval. */
  public ElasticsearchSpec(
      List<URI> hosts, String index, int shards, int replicas, List<FieldSpec> fields) {
    this(hosts, index, shards, replicas, fields, DEFAULT_REFRESH_INTERVAL_MS);
  }
}
