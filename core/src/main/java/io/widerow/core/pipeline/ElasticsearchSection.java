package io.widerow.core.pipeline;

import static io.widerow.core.pipeline.PipelineKeys.ELASTICSEARCH;
import static io.widerow.core.pipeline.PipelineKeys.ES_HOSTS;
import static io.widerow.core.pipeline.PipelineKeys.ES_INDEX;
import static io.widerow.core.pipeline.PipelineKeys.ES_REFRESH_INTERVAL_MS;
import static io.widerow.core.pipeline.PipelineKeys.ES_REPLICAS;
import static io.widerow.core.pipeline.PipelineKeys.ES_SHARDS;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Reads {@code elasticsearch}: the cluster, the index and the document's fields. */
final class ElasticsearchSection {

  private static final String HOST_EXPECTED =
      "an http:// or https:// URL with a host, as in http://127.0.0.1:9200";

  private ElasticsearchSection() {}

  static Optional<ElasticsearchSpec> read(ConfigMap file, Map<String, DeclaredTable> tables) {
    Optional<ConfigMap> section = file.map(ELASTICSEARCH);
    if (section.isEmpty()) {
      return Optional.empty();
    }
    ConfigMap es = section.get().allowOnlyDefined();
    Optional<List<URI>> hosts = hosts(es);
    Optional<String> index = es.text(ES_INDEX);
    Optional<Integer> shards = es.integer(ES_SHARDS);
    Optional<Integer> replicas = es.integer(ES_REPLICAS);
    Optional<Integer> refresh = es.integer(ES_REFRESH_INTERVAL_MS);
    Optional<Analysis> analysis = AnalysisSection.read(es);
    Optional<List<FieldSpec>> fields =
        FieldsSection.read(es, tables, analysis.orElse(Analysis.NONE));
    Optional<ElasticsearchSecurity> security = SecuritySections.elasticsearchSecurity(es);
    if (hosts.isEmpty()
        || index.isEmpty()
        || shards.isEmpty()
        || replicas.isEmpty()
        || refresh.isEmpty()
        || fields.isEmpty()
        || analysis.isEmpty()
        || security.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(
        new ElasticsearchSpec(
            hosts.get(),
            index.get(),
            shards.get(),
            replicas.get(),
            fields.get(),
            refresh.get(),
            analysis.get(),
            security.get()));
  }

  private static Optional<List<URI>> hosts(ConfigMap es) {
    Optional<List<String>> texts = es.texts(ES_HOSTS);
    if (texts.isEmpty()) {
      return Optional.empty();
    }
    List<URI> hosts = new ArrayList<>();
    for (int i = 0; i < texts.get().size(); i++) {
      String text = texts.get().get(i);
      Optional<URI> uri = httpUri(text);
      if (uri.isPresent() && uri.get().getRawUserInfo() != null) {
        // The URL is not echoed: its user part may hold a password.
        es.errors()
            .add(
                Paths.index(es.pathOf(ES_HOSTS), i),
                "'"
                    + uri.get().getScheme()
                    + "://***@"
                    + uri.get().getHost()
                    + (uri.get().getPort() < 0 ? "" : ":" + uri.get().getPort())
                    + "' has credentials in the URL, which widerow does not send; expected a URL"
                    + " without user:password@ and the credentials in elasticsearch.auth"
                    + " (username with passwordEnv or passwordFile, or apiKeyEnv or apiKeyFile)");
      } else if (uri.isPresent()) {
        hosts.add(uri.get());
      } else {
        es.errors()
            .invalid(Paths.index(es.pathOf(ES_HOSTS), i), ConfigErrors.quote(text), HOST_EXPECTED);
      }
    }
    return hosts.size() == texts.get().size() ? Optional.of(hosts) : Optional.empty();
  }

  private static Optional<URI> httpUri(String text) {
    try {
      URI uri = new URI(text);
      boolean http = "http".equals(uri.getScheme()) || "https".equals(uri.getScheme());
      return http && uri.getHost() != null ? Optional.of(uri) : Optional.empty();
    } catch (URISyntaxException e) {
      return Optional.empty();
    }
  }
}
