package io.widerow.verify.elasticsearch;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.ElasticsearchException;
import co.elastic.clients.elasticsearch._types.FieldValue;
import co.elastic.clients.elasticsearch._types.SortOrder;
import co.elastic.clients.elasticsearch.core.MgetResponse;
import co.elastic.clients.elasticsearch.core.SearchResponse;
import co.elastic.clients.elasticsearch.core.get.GetResult;
import co.elastic.clients.elasticsearch.core.mget.MultiGetResponseItem;
import co.elastic.clients.elasticsearch.core.search.Hit;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.widerow.core.index.IndexLayout;
import io.widerow.core.pipeline.ElasticsearchSpec;
import io.widerow.elasticsearch.ElasticsearchClients;
import io.widerow.verify.BatchConsumer;
import io.widerow.verify.DocumentStore;
import io.widerow.verify.StoredDocument;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads documents through the pipeline's alias: a multi-get by id (which, unlike a search, also
 * returns tombstones: alias filters do not apply to gets) and a scan of live ids sorted by rowkey
 * with {@code search_after}.
 */
public final class ElasticsearchDocumentStore implements DocumentStore {

  private final ElasticsearchClient client;
  private final String alias;

  public ElasticsearchDocumentStore(ElasticsearchClient client, String alias) {
    this.client = client;
    this.alias = alias;
  }

  public static ElasticsearchDocumentStore open(ElasticsearchSpec spec) {
    return new ElasticsearchDocumentStore(
        ElasticsearchClients.create(spec), IndexLayout.alias(spec));
  }

  @Override
  public Map<String, StoredDocument> get(Collection<String> ids) throws IOException {
    Map<String, StoredDocument> documents = new LinkedHashMap<>();
    if (ids.isEmpty()) {
      return documents;
    }
    MgetResponse<ObjectNode> response;
    try {
      response = client.mget(m -> m.index(alias).ids(List.copyOf(ids)), ObjectNode.class);
    } catch (ElasticsearchException e) {
      if (e.status() == 404) {
        return documents; // no index yet: every document is missing
      }
      throw e;
    }
    for (MultiGetResponseItem<ObjectNode> item : response.docs()) {
      if (item.isFailure()) {
        throw new IOException(
            "multi-get of "
                + item.failure().id()
                + " from "
                + alias
                + " failed: "
                + item.failure().error().type());
      }
      GetResult<ObjectNode> doc = item.result();
      if (doc.found() && doc.source() != null) {
        ObjectNode source = doc.source();
        boolean deleted = source.path(IndexLayout.DELETED_FIELD).asBoolean(false);
        long version = doc.version() == null ? 0 : doc.version();
        documents.put(doc.id(), new StoredDocument(doc.id(), version, deleted, source));
      }
    }
    return documents;
  }

  @Override
  public void scanLiveIds(int batchSize, BatchConsumer batches) throws Exception {
    List<FieldValue> after = null;
    while (true) {
      List<FieldValue> from = after;
      SearchResponse<Void> page;
      try {
        // The alias filters tombstones out of searches; rowkey is unique, so it pages exactly.
        page =
            client.search(
                s -> {
                  s.index(alias)
                      .size(batchSize)
                      .source(src -> src.fetch(false))
                      .sort(
                          o ->
                              o.field(f -> f.field(IndexLayout.ROWKEY_FIELD).order(SortOrder.Asc)));
                  return from == null ? s : s.searchAfter(from);
                },
                Void.class);
      } catch (ElasticsearchException e) {
        if (e.status() == 404) {
          return;
        }
        throw e;
      }
      List<Hit<Void>> hits = page.hits().hits();
      if (hits.isEmpty()) {
        return;
      }
      List<String> ids = new ArrayList<>(hits.size());
      hits.forEach(hit -> ids.add(hit.id()));
      batches.accept(ids);
      after = hits.get(hits.size() - 1).sort();
    }
  }

  @Override
  public void close() throws IOException {
    client._transport().close();
  }
}
