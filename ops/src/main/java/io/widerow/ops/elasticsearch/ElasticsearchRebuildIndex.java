package io.widerow.ops.elasticsearch;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.VersionType;
import co.elastic.clients.elasticsearch.core.BulkRequest;
import co.elastic.clients.elasticsearch.core.BulkResponse;
import co.elastic.clients.elasticsearch.core.bulk.BulkResponseItem;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.widerow.core.document.IndexAction;
import io.widerow.core.document.IndexAction.Upsert;
import io.widerow.core.index.IndexLayout;
import io.widerow.core.pipeline.ElasticsearchSpec;
import io.widerow.elasticsearch.ElasticsearchClients;
import io.widerow.indexer.elasticsearch.BulkWriter;
import io.widerow.indexer.elasticsearch.IndexMapping;
import io.widerow.ops.RebuildIndex;
import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The index side of a rebuild: physical indices {@code <alias>-<n>}, created with the mapping the
 * indexer generates from the pipeline file, written with {@code version_type=external_gte}, and the
 * alias moved with one {@code _aliases} request (remove and add are applied together).
 */
public final class ElasticsearchRebuildIndex implements RebuildIndex {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final ElasticsearchClient client;
  private final ElasticsearchSpec spec;
  private final String alias;
  private final Pattern generation;

  private ElasticsearchRebuildIndex(ElasticsearchClient client, ElasticsearchSpec spec) {
    this.client = client;
    this.spec = spec;
    this.alias = IndexLayout.alias(spec);
    this.generation = Pattern.compile(Pattern.quote(alias) + "-(\\d+)");
  }

  public static ElasticsearchRebuildIndex open(ElasticsearchSpec spec) {
    return new ElasticsearchRebuildIndex(ElasticsearchClients.create(spec.hosts()), spec);
  }

  @Override
  public String alias() {
    return alias;
  }

  @Override
  public List<String> aliasIndices() throws IOException {
    if (!client.indices().existsAlias(e -> e.name(alias)).value()) {
      return List.of();
    }
    return List.copyOf(
        new java.util.TreeSet<>(client.indices().getAlias(g -> g.name(alias)).result().keySet()));
  }

  @Override
  public String nextGeneration() throws IOException {
    int highest = IndexLayout.FIRST_GENERATION - 1;
    for (String index :
        client
            .indices()
            .get(g -> g.index(alias + "-*").allowNoIndices(true).ignoreUnavailable(true))
            .result()
            .keySet()) {
      Matcher m = generation.matcher(index);
      if (m.matches()) {
        highest = Math.max(highest, Integer.parseInt(m.group(1)));
      }
    }
    return IndexLayout.physicalIndex(spec, highest + 1);
  }

  @Override
  public long documentCount(String index) throws IOException {
    return client.count(c -> c.index(index)).count();
  }

  @Override
  public void create(String index) throws IOException {
    Map<String, Object> settings = new LinkedHashMap<>();
    settings.put("number_of_shards", spec.shards());
    settings.put("number_of_replicas", spec.replicas());
    settings.put("refresh_interval", "-1"); // nobody reads it before the swap
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("settings", Map.of("index", settings));
    body.put("mappings", IndexMapping.mappings(spec));
    client.indices().create(c -> c.withJson(json(body)).index(index));
  }

  @Override
  public WriteOutcome write(String index, List<IndexAction> actions) throws IOException {
    BulkRequest.Builder bulk = new BulkRequest.Builder().index(index);
    for (IndexAction action : actions) {
      Map<String, Object> document =
          action instanceof Upsert upsert
              ? upsert.document()
              : IndexMapping.tombstone(action.rowkey());
      bulk.operations(
          op ->
              op.index(
                  i ->
                      i.id(action.id())
                          .version(action.version())
                          .versionType(VersionType.ExternalGte)
                          .document(document)));
    }
    BulkResponse response = client.bulk(bulk.build());
    int written = 0;
    int superseded = 0;
    List<Failure> failures = new ArrayList<>();
    List<BulkResponseItem> items = response.items();
    for (int i = 0; i < items.size(); i++) {
      BulkResponseItem item = items.get(i);
      if (item.error() == null) {
        written++;
      } else if (item.status() == 409) {
        superseded++; // a newer version is there already: the live indexer wrote it
      } else {
        failures.add(
            new Failure(
                actions.get(i).rowkey(), item.status() + " " + BulkWriter.describe(item.error())));
      }
    }
    return new WriteOutcome(written, superseded, failures);
  }

  @Override
  public void open(String index) throws IOException {
    client
        .indices()
        .putSettings(p -> p.withJson(json(IndexMapping.dynamicSettings(spec))).index(index));
    client.indices().refresh(r -> r.index(index));
  }

  @Override
  public void swap(List<String> from, String to) throws IOException {
    List<Map<String, Object>> actions = new ArrayList<>();
    for (String old : from) {
      actions.add(Map.of("remove", Map.of("index", old, "alias", alias)));
    }
    Map<String, Object> add = new LinkedHashMap<>(IndexMapping.alias());
    add.put("index", to);
    add.put("alias", alias);
    actions.add(Map.of("add", add));
    client.indices().updateAliases(u -> u.withJson(json(Map.of("actions", actions))));
  }

  @Override
  public void delete(String index) throws IOException {
    client.indices().delete(d -> d.index(index));
  }

  private static StringReader json(Map<String, Object> body) {
    try {
      return new StringReader(JSON.writeValueAsString(body));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("request body is not serializable", e);
    }
  }

  @Override
  public void close() throws IOException {
    client._transport().close();
  }
}
