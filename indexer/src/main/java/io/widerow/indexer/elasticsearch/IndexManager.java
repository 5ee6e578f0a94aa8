package io.widerow.indexer.elasticsearch;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.ElasticsearchException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.widerow.core.index.IndexLayout;
import io.widerow.core.pipeline.ElasticsearchSpec;
import io.widerow.core.service.FatalException;
import java.io.IOException;
import java.io.StringReader;
import java.util.List;
import java.util.Map;
import org.elasticsearch.client.ResponseException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates the physical index {@code <index>-1} with its generated mapping behind the alias {@code
 * <index>}, when missing; safe to race, and adds new fields of the pipeline file to an existing
 * index.
 *
 * <p>Deletes stay deleted (invariant 2) through <b>tombstone documents</b>: a deleted entity's
 * document is replaced, at the delete's external version, by {@code {rowkey, widerow_deleted:
 * true}}, and the alias filters tombstones out of every search. Elasticsearch remembers a real
 * delete's version only for {@code index.gc_deletes} (60 s); after that a late index request with a
 * lower version is accepted and resurrects the entity. A tombstone is a document, so its version is
 * kept as long as it exists and a late lower version always gets 409. The price: one small document
 * per deleted entity, kept until {@code widerow purge} removes those older than the source's binlog
 * retention (no event that late can still arrive), and a reader must go through the alias (a GET by
 * id on the physical index sees tombstones). Tombstones also keep {@code _count} through the alias
 * right, since alias filters apply to counts.
 */
public final class IndexManager {

  private static final Logger LOG = LoggerFactory.getLogger(IndexManager.class);
  private static final ObjectMapper JSON = new ObjectMapper();

  private final ElasticsearchClient client;
  private final ElasticsearchSpec spec;
  private final String alias;
  private final String physical;

  public IndexManager(ElasticsearchClient client, ElasticsearchSpec spec) {
    this.client = client;
    this.spec = spec;
    this.alias = IndexLayout.alias(spec);
    this.physical = IndexLayout.physicalIndex(spec, IndexLayout.FIRST_GENERATION);
  }

  /** Makes sure the alias exists over an index holding every field of the pipeline file. */
  public void ensureIndexExists() throws IOException {
    if (client.indices().existsAlias(e -> e.name(alias)).value()) {
      putMapping();
      putSettings();
      return;
    }
    try {
      client
          .indices()
          .create(c -> c.withJson(json(IndexMapping.createIndexBody(spec))).index(physical));
      LOG.info("created index {} behind alias {}", physical, alias);
    } catch (ElasticsearchException e) {
      if (!"resource_already_exists_exception".equals(errorType(e))) {
        throw new FatalException("cannot create index " + physical + ": " + reason(e), e);
      }
      // Another indexer won the race, or the index exists without its alias: both are mended by
      // an idempotent alias add and mapping put.
      addAlias();
      putMapping();
      putSettings();
    }
  }

  /** Applies a changed {@code refreshIntervalMs} of the pipeline file to the existing index. */
  private void putSettings() throws IOException {
    client
        .indices()
        .putSettings(p -> p.withJson(json(IndexMapping.dynamicSettings(spec))).index(alias));
  }

  private void addAlias() throws IOException {
    Map<String, Object> add = new java.util.LinkedHashMap<>(IndexMapping.alias());
    add.put("index", physical);
    add.put("alias", alias);
    client
        .indices()
        .updateAliases(u -> u.withJson(json(Map.of("actions", List.of(Map.of("add", add))))));
    LOG.info("alias {} points at {}", alias, physical);
  }

  /**
   * Adds fields new in the pipeline file; a field whose type changed cannot be mended in place and
   * stops the indexer with the reason (it needs {@code widerow rebuild}: a new generation).
   */
  private void putMapping() throws IOException {
    try {
      client.indices().putMapping(p -> p.withJson(json(IndexMapping.mappings(spec))).index(alias));
    } catch (ElasticsearchException e) {
      if (e.status() == 400) {
        throw mappingConflict(reason(e), e);
      }
      throw e;
    } catch (ResponseException e) {
      // The low-level client surfaces some refusals unparsed; ES 8 answers a changed nested
      // option with a 500 mapper_exception, which no retry can mend either.
      String body = String.valueOf(e.getMessage());
      if (body.contains("mapper_exception") || body.contains("illegal_argument_exception")) {
        throw mappingConflict(
            "HTTP " + e.getResponse().getStatusLine().getStatusCode() + " " + firstReason(body), e);
      }
      throw e;
    }
  }

  private FatalException mappingConflict(String reason, Exception cause) {
    return new FatalException(
        "index "
            + alias
            + " has a mapping that conflicts with the pipeline file: "
            + reason
            + "; build a new index generation from HBase with `widerow rebuild --pipeline FILE`"
            + " (the running indexers keep the old one current meanwhile), or restore the"
            + " field's type",
        cause);
  }

  private static String firstReason(String body) {
    int at = body.indexOf("\"reason\":\"");
    if (at < 0) {
      return "(no reason given)";
    }
    int start = at + 10;
    int end = body.indexOf('"', start);
    return end < 0 ? body.substring(start) : body.substring(start, end);
  }

  private static StringReader json(Map<String, Object> body) {
    try {
      return new StringReader(JSON.writeValueAsString(body));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("index definition is not serializable", e);
    }
  }

  private static String errorType(ElasticsearchException e) {
    return e.error() == null ? null : e.error().type();
  }

  private static String reason(ElasticsearchException e) {
    return BulkWriter.describe(e.error());
  }
}
