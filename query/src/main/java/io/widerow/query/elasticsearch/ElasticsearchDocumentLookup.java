package io.widerow.query.elasticsearch;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.ElasticsearchException;
import co.elastic.clients.elasticsearch.core.GetResponse;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.widerow.core.index.IndexLayout;
import io.widerow.core.pipeline.ElasticsearchSpec;
import io.widerow.elasticsearch.ElasticsearchClients;
import io.widerow.query.explain.DocumentLookup;
import io.widerow.query.explain.IndexedDocument;
import java.io.IOException;
import java.util.Optional;

/**
 * Reads a document by id through the pipeline's alias: unlike a search, a get ignores the alias'
 * filter, so a tombstone document is found too, with its external version.
 */
public final class ElasticsearchDocumentLookup implements DocumentLookup {

  private final ElasticsearchClient client;
  private final String alias;

  public ElasticsearchDocumentLookup(ElasticsearchClient client, String alias) {
    this.client = client;
    this.alias = alias;
  }

  /** A lookup with a client of its own, closed with it. */
  public static ElasticsearchDocumentLookup open(ElasticsearchSpec spec) {
    return new ElasticsearchDocumentLookup(
        ElasticsearchClients.create(spec), IndexLayout.alias(spec));
  }

  @Override
  public Optional<IndexedDocument> document(String id) throws IOException {
    GetResponse<ObjectNode> doc;
    try {
      doc = client.get(g -> g.index(alias).id(id), ObjectNode.class);
    } catch (ElasticsearchException e) {
      if (e.status() == 404) {
        return Optional.empty(); // no index yet
      }
      throw e;
    }
    if (!doc.found()) {
      return Optional.empty();
    }
    boolean tombstone =
        doc.source() != null && doc.source().path(IndexLayout.DELETED_FIELD).asBoolean(false);
    return Optional.of(
        new IndexedDocument(doc.index(), doc.version() == null ? 0 : doc.version(), tombstone));
  }

  @Override
  public void close() throws IOException {
    client._transport().close();
  }
}
