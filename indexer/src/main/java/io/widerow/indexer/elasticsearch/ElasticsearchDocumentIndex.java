package io.widerow.indexer.elasticsearch;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import com.codahale.metrics.Counter;
import io.widerow.core.document.IndexAction;
import io.widerow.core.index.IndexLayout;
import io.widerow.core.pipeline.ElasticsearchSpec;
import io.widerow.core.retry.RetrySettings;
import io.widerow.elasticsearch.ElasticsearchClients;
import io.widerow.indexer.BulkOutcome;
import io.widerow.indexer.DocumentIndex;
import java.util.List;

/** {@link DocumentIndex} over one Elasticsearch cluster: index management plus bulk writes. */
public final class ElasticsearchDocumentIndex implements DocumentIndex {

  private final ElasticsearchClient client;
  private final IndexManager manager;
  private final BulkWriter writer;

  public ElasticsearchDocumentIndex(
      ElasticsearchClient client, ElasticsearchSpec spec, RetrySettings retry, Counter retries) {
    this.client = client;
    this.manager = new IndexManager(client, spec);
    this.writer = new BulkWriter(client, IndexLayout.alias(spec), retry, retries);
  }

  /** Opens a client of its own, closed with this index. */
  public static ElasticsearchDocumentIndex open(
      ElasticsearchSpec spec, RetrySettings retry, Counter retries) {
    return new ElasticsearchDocumentIndex(ElasticsearchClients.create(spec), spec, retry, retries);
  }

  @Override
  public void ensureExists() throws Exception {
    manager.ensureIndexExists();
  }

  @Override
  public BulkOutcome write(List<IndexAction> actions) throws Exception {
    return writer.write(actions);
  }

  @Override
  public void close() throws Exception {
    client._transport().close();
  }
}
