package io.widerow.ops.elasticsearch;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.VersionType;
import co.elastic.clients.elasticsearch.core.BulkRequest;
import co.elastic.clients.elasticsearch.core.bulk.BulkResponseItem;
import io.widerow.core.index.IndexLayout;
import io.widerow.core.pipeline.ElasticsearchSpec;
import io.widerow.elasticsearch.ElasticsearchClients;
import io.widerow.indexer.elasticsearch.BulkWriter;
import io.widerow.ops.OpsException;
import io.widerow.ops.Tombstones;
import java.io.IOException;
import java.util.List;

/**
 * Deletes tombstone documents through the alias with {@code version_type=external_gte} at the row's
 * {@code m:v}: a document a newer change replaced (higher version) answers 409 and stays, one that
 * is gone already answers 404.
 */
public final class ElasticsearchTombstoneDocuments implements Tombstones.Documents {

  private final ElasticsearchClient client;
  private final String alias;

  private ElasticsearchTombstoneDocuments(ElasticsearchClient client, String alias) {
    this.client = client;
    this.alias = alias;
  }

  public static ElasticsearchTombstoneDocuments open(ElasticsearchSpec spec) {
    return new ElasticsearchTombstoneDocuments(
        ElasticsearchClients.create(spec.hosts()), IndexLayout.alias(spec));
  }

  @Override
  public int delete(List<Tombstones.Document> documents) throws IOException {
    BulkRequest.Builder bulk = new BulkRequest.Builder().index(alias);
    for (Tombstones.Document d : documents) {
      bulk.operations(
          op ->
              op.delete(
                  del -> del.id(d.id()).version(d.version()).versionType(VersionType.ExternalGte)));
    }
    int deleted = 0;
    for (BulkResponseItem item : client.bulk(bulk.build()).items()) {
      if (item.error() == null && "deleted".equals(item.result())) {
        deleted++;
      } else if (item.error() != null && item.status() != 409 && item.status() != 404) {
        throw new OpsException(
            "deleting tombstone document "
                + item.id()
                + " from "
                + alias
                + " failed: "
                + item.status()
                + " "
                + BulkWriter.describe(item.error()));
      }
    }
    return deleted;
  }

  @Override
  public void close() throws IOException {
    client._transport().close();
  }
}
