package io.widerow.elasticsearch;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import io.widerow.core.index.IndexLayout;
import io.widerow.core.pipeline.ElasticsearchSpec;
import java.io.IOException;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Removes a pipeline's indices; the indexer creates them again on start. */
public final class ElasticsearchIndexes {

  private static final Logger LOG = LoggerFactory.getLogger(ElasticsearchIndexes.class);

  private ElasticsearchIndexes() {}

  /** Deletes every physical index behind the pipeline's alias (and with them the alias). */
  public static void delete(ElasticsearchSpec spec) throws IOException {
    ElasticsearchClient client = ElasticsearchClients.create(spec);
    try {
      String pattern = IndexLayout.alias(spec) + "-*";
      List<String> indices =
          client
              .indices()
              .get(g -> g.index(pattern).allowNoIndices(true))
              .result()
              .keySet()
              .stream()
              .toList();
      if (!indices.isEmpty()) {
        client.indices().delete(d -> d.index(indices));
        LOG.info("deleted indices {}", indices);
      }
    } finally {
      client._transport().close();
    }
  }
}
