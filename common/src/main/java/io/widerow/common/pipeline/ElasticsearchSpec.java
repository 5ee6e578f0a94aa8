package io.widerow.common.pipeline;

import java.net.URI;
import java.util.List;

/**
 * The search index: alias {@code index} over physical index {@code index-<n>}.
 *
 * @param fields the document's searchable fields, in file order (the rowkey is always added)
 */
public record ElasticsearchSpec(
    List<URI> hosts, String index, int shards, int replicas, List<FieldSpec> fields) {

  public ElasticsearchSpec {
    hosts = List.copyOf(hosts);
    fields = List.copyOf(fields);
  }
}
