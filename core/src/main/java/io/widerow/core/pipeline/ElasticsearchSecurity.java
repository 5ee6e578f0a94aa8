package io.widerow.core.pipeline;

import java.nio.file.Path;
import java.util.Optional;

/**
 * How every Elasticsearch client (indexer, query, verify, bench, the CLI) trusts the cluster and
 * authenticates to it.
 *
 * @param caFile the CA (PEM) an https host's certificate must chain to; empty: the JVM's trust
 * @param fingerprint the SHA-256 fingerprint of the server's or its CA's certificate, instead of
 *     {@code caFile}
 * @param username basic auth user, with {@code password}
 * @param apiKey the encoded API key ({@code base64(id:key)}), instead of basic auth
 */
public record ElasticsearchSecurity(
    Optional<Path> caFile,
    Optional<String> fingerprint,
    Optional<String> username,
    Optional<Secret> password,
    Optional<Secret> apiKey) {

  public static final ElasticsearchSecurity NONE =
      new ElasticsearchSecurity(
          Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
}
