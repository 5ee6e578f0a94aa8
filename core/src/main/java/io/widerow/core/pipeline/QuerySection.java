package io.widerow.core.pipeline;

import static io.widerow.core.pipeline.QueryKeys.AUTH;
import static io.widerow.core.pipeline.QueryKeys.DEFAULT_SIZE;
import static io.widerow.core.pipeline.QueryKeys.HOST;
import static io.widerow.core.pipeline.QueryKeys.LEADING_WILDCARDS;
import static io.widerow.core.pipeline.QueryKeys.LIMITS;
import static io.widerow.core.pipeline.QueryKeys.LOOPBACK_WITHOUT_TOKEN;
import static io.widerow.core.pipeline.QueryKeys.MAX_KEYS;
import static io.widerow.core.pipeline.QueryKeys.MAX_SIZE;
import static io.widerow.core.pipeline.QueryKeys.MAX_WINDOW;
import static io.widerow.core.pipeline.QueryKeys.PORT;
import static io.widerow.core.pipeline.QueryKeys.QUERY;
import static io.widerow.core.pipeline.QueryKeys.QUEUE;
import static io.widerow.core.pipeline.QueryKeys.SEARCH_TIMEOUT_MS;
import static io.widerow.core.pipeline.QueryKeys.SERVED_BY_INDEXER;
import static io.widerow.core.pipeline.QueryKeys.THREADS;
import static io.widerow.core.pipeline.QueryKeys.TLS;
import static io.widerow.core.pipeline.QueryKeys.TLS_CERT_FILE;
import static io.widerow.core.pipeline.QueryKeys.TLS_KEY_FILE;
import static io.widerow.core.pipeline.QueryKeys.TOKENS_ENV;
import static io.widerow.core.pipeline.QueryKeys.TOKENS_FILE;
import static io.widerow.core.pipeline.QueryKeys.TRACK_TOTAL_HITS_UP_TO;

import io.widerow.core.pipeline.QuerySpec.Auth;
import io.widerow.core.pipeline.QuerySpec.Limits;
import io.widerow.core.pipeline.QuerySpec.Tls;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * Reads {@code query}, optional: the query API's listener, authentication, worker pool and limits.
 * Without it no process serves the query API. Token files and variables are read when the server
 * starts, not here: a file that loads a pipeline only to run a {@code get} needs no secrets.
 */
final class QuerySection {

  private QuerySection() {}

  /** The section, or empty when it is absent or invalid (then with errors reported). */
  static Optional<QuerySpec> read(ConfigMap file) {
    if (!file.has(QUERY)) {
      return Optional.empty();
    }
    Optional<ConfigMap> section = file.map(QUERY);
    if (section.isEmpty()) {
      return Optional.empty();
    }
    ConfigMap query = section.get().allowOnlyDefined();
    int errorsBefore = query.errors().count();
    Optional<String> host =
        query.has(HOST) ? query.text(HOST) : Optional.of(QuerySpec.DEFAULT_HOST);
    Optional<Integer> port = query.integer(PORT);
    Optional<Boolean> servedByIndexer = query.bool(SERVED_BY_INDEXER);
    Optional<Integer> threads = query.integer(THREADS);
    Optional<Integer> queue = query.integer(QUEUE);
    Optional<Auth> auth = query.map(AUTH).flatMap(QuerySection::auth);
    Optional<Optional<Tls>> tls =
        query.has(TLS)
            ? query.map(TLS).flatMap(QuerySection::tls).map(Optional::of)
            : Optional.of(Optional.empty());
    Optional<Limits> limits =
        query.has(LIMITS)
            ? query.map(LIMITS).flatMap(QuerySection::limits)
            : Optional.of(Limits.DEFAULT);
    if (query.errors().count() > errorsBefore
        || host.isEmpty()
        || port.isEmpty()
        || servedByIndexer.isEmpty()
        || threads.isEmpty()
        || queue.isEmpty()
        || auth.isEmpty()
        || tls.isEmpty()
        || limits.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(
        new QuerySpec(
            host.get(),
            port.get(),
            auth.get(),
            tls.get(),
            threads.get(),
            queue.get(),
            limits.get(),
            servedByIndexer.get()));
  }

  private static Optional<Auth> auth(ConfigMap auth) {
    auth.allowOnlyDefined();
    int errorsBefore = auth.errors().count();
    Optional<String> env = auth.has(TOKENS_ENV) ? auth.text(TOKENS_ENV) : Optional.empty();
    Optional<Path> file = auth.has(TOKENS_FILE) ? auth.path(TOKENS_FILE) : Optional.empty();
    Optional<Boolean> loopback = auth.bool(LOOPBACK_WITHOUT_TOKEN);
    if (auth.errors().count() > errorsBefore || loopback.isEmpty()) {
      return Optional.empty();
    }
    if (env.isEmpty() && file.isEmpty() && !loopback.get()) {
      // Not a default of "open to all": a query API without a way in is a mistake to report.
      auth.errors()
          .add(
              auth.path(),
              "grants no access; expected tokensEnv or tokensFile (or both), or"
                  + " loopbackWithoutToken: true");
      return Optional.empty();
    }
    return Optional.of(new Auth(env, file, loopback.get()));
  }

  private static Optional<Tls> tls(ConfigMap tls) {
    tls.allowOnlyDefined();
    Optional<Path> cert = tls.path(TLS_CERT_FILE);
    Optional<Path> key = tls.path(TLS_KEY_FILE);
    return cert.isPresent() && key.isPresent()
        ? Optional.of(new Tls(cert.get(), key.get()))
        : Optional.empty();
  }

  private static Optional<Limits> limits(ConfigMap limits) {
    limits.allowOnlyDefined();
    Optional<Integer> maxWindow = limits.integer(MAX_WINDOW);
    Optional<Integer> maxSize =
        limits.integer(MAX_SIZE, maxWindow.orElse(1_000_000), MAX_SIZE.defaultInt());
    Optional<Integer> defaultSize =
        limits.integer(
            DEFAULT_SIZE, maxSize.orElse(MAX_SIZE.defaultInt()), DEFAULT_SIZE.defaultInt());
    Optional<Integer> maxKeys = limits.integer(MAX_KEYS);
    Optional<Integer> timeoutMs = limits.integer(SEARCH_TIMEOUT_MS);
    Optional<Integer> trackTotal = limits.integer(TRACK_TOTAL_HITS_UP_TO);
    Optional<Boolean> leadingWildcards = limits.bool(LEADING_WILDCARDS);
    if (maxWindow.isEmpty()
        || maxSize.isEmpty()
        || defaultSize.isEmpty()
        || maxKeys.isEmpty()
        || timeoutMs.isEmpty()
        || trackTotal.isEmpty()
        || leadingWildcards.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(
        new Limits(
            defaultSize.get(),
            maxSize.get(),
            maxWindow.get(),
            maxKeys.get(),
            Duration.ofMillis(timeoutMs.get()),
            trackTotal.get(),
            leadingWildcards.get()));
  }
}
