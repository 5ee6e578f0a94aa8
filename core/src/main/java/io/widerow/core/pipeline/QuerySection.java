package io.widerow.core.pipeline;

import io.widerow.core.pipeline.QuerySpec.Auth;
import io.widerow.core.pipeline.QuerySpec.Limits;
import io.widerow.core.pipeline.QuerySpec.Tls;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * Reads {@code query}, optional: the query API's listener, authentication, worker pool and limits.
 * Without it no process serves the query API. Token files and variables are read when the server
 * starts, not here: a file that loads a pipeline only to run a {@code get} needs no secrets.
 */
final class QuerySection {

  static final String KEYS = "host, port, servedByIndexer, threads, queue, auth, tls, limits";
  private static final String AUTH_KEYS = "tokensEnv, tokensFile, loopbackWithoutToken";
  private static final String LIMIT_KEYS =
      "defaultSize, maxSize, maxWindow, maxKeys, searchTimeoutMs, trackTotalHitsUpTo,"
          + " leadingWildcards";

  private QuerySection() {}

  /** The section, or empty when it is absent or invalid (then with errors reported). */
  static Optional<QuerySpec> read(ConfigMap file) {
    if (!file.has("query")) {
      return Optional.empty();
    }
    Optional<ConfigMap> section = file.map("query", "a mapping with keys " + KEYS);
    if (section.isEmpty()) {
      return Optional.empty();
    }
    ConfigMap query =
        section
            .get()
            .allowOnly(
                "host", "port", "servedByIndexer", "threads", "queue", "auth", "tls", "limits");
    int errorsBefore = query.errors().count();
    Optional<String> host =
        query.has("host")
            ? query.text("host", Names.HOST, Names.HOST_EXPECTED)
            : Optional.of(QuerySpec.DEFAULT_HOST);
    Optional<Integer> port = query.integer("port", 0, 65535, QuerySpec.DEFAULT_PORT);
    Optional<Boolean> servedByIndexer = query.bool("servedByIndexer", true);
    Optional<Integer> threads = query.integer("threads", 1, 256, QuerySpec.DEFAULT_THREADS);
    Optional<Integer> queue = query.integer("queue", 0, 100_000, QuerySpec.DEFAULT_QUEUE);
    Optional<Auth> auth =
        query.map("auth", "a mapping with keys " + AUTH_KEYS).flatMap(a -> auth(a));
    Optional<Optional<Tls>> tls =
        query.has("tls")
            ? query
                .map("tls", "a mapping {certFile, keyFile}")
                .flatMap(t -> tls(t))
                .map(Optional::of)
            : Optional.of(Optional.empty());
    Optional<Limits> limits =
        query.has("limits")
            ? query.map("limits", "a mapping with keys " + LIMIT_KEYS).flatMap(l -> limits(l))
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
    auth.allowOnly("tokensEnv", "tokensFile", "loopbackWithoutToken");
    int errorsBefore = auth.errors().count();
    Optional<String> env =
        auth.has("tokensEnv")
            ? auth.text("tokensEnv", Names.ENV_VAR, Names.ENV_VAR_EXPECTED)
            : Optional.empty();
    Optional<Path> file = auth.has("tokensFile") ? path(auth, "tokensFile") : Optional.empty();
    Optional<Boolean> loopback = auth.bool("loopbackWithoutToken", false);
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
    tls.allowOnly("certFile", "keyFile");
    Optional<Path> cert = path(tls, "certFile");
    Optional<Path> key = path(tls, "keyFile");
    return cert.isPresent() && key.isPresent()
        ? Optional.of(new Tls(cert.get(), key.get()))
        : Optional.empty();
  }

  private static Optional<Limits> limits(ConfigMap limits) {
    limits.allowOnly(
        "defaultSize",
        "maxSize",
        "maxWindow",
        "maxKeys",
        "searchTimeoutMs",
        "trackTotalHitsUpTo",
        "leadingWildcards");
    Limits d = Limits.DEFAULT;
    // Elasticsearch's own index.max_result_window is 10,000: a larger window needs it raised too.
    Optional<Integer> maxWindow = limits.integer("maxWindow", 1, 1_000_000, d.maxWindow());
    Optional<Integer> maxSize =
        limits.integer("maxSize", 1, maxWindow.orElse(1_000_000), d.maxSize());
    Optional<Integer> defaultSize =
        limits.integer("defaultSize", 0, maxSize.orElse(d.maxSize()), d.defaultSize());
    Optional<Integer> maxKeys = limits.integer("maxKeys", 1, 10_000, d.maxKeys());
    Optional<Integer> timeoutMs =
        limits.integer("searchTimeoutMs", 1, 600_000, (int) d.searchTimeout().toMillis());
    Optional<Integer> trackTotal =
        limits.integer("trackTotalHitsUpTo", 0, Integer.MAX_VALUE, d.trackTotalHitsUpTo());
    Optional<Boolean> leadingWildcards = limits.bool("leadingWildcards", d.leadingWildcards());
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

  private static Optional<Path> path(ConfigMap map, String key) {
    return map.text(key, "a file path")
        .flatMap(
            text -> {
              try {
                return Optional.of(Path.of(text));
              } catch (InvalidPathException e) {
                map.errors().invalid(map.pathOf(key), ConfigErrors.quote(text), "a file path");
                return Optional.empty();
              }
            });
  }
}
