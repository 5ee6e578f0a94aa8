package io.widerow.core.pipeline;

import static io.widerow.core.pipeline.ConfigKey.Type.BOOLEAN;
import static io.widerow.core.pipeline.ConfigKey.Type.INTEGER;
import static io.widerow.core.pipeline.ConfigKey.Type.MAPPING;
import static io.widerow.core.pipeline.ConfigKey.Type.STRING;
import static io.widerow.core.pipeline.PipelineKeys.define;
import static io.widerow.core.pipeline.PipelineKeys.range;

import io.widerow.core.pipeline.ConfigKey.Default;
import io.widerow.core.pipeline.ConfigKey.Validator.Described;
import io.widerow.core.pipeline.ConfigKey.Validator.Matching;
import io.widerow.core.pipeline.QuerySpec.Limits;

/**
 * The keys of the {@code query} section, part of {@link PipelineKeys}' table (which loads this
 * class), kept apart so that each table stays readable. Defaults are the constants of {@link
 * QuerySpec}, so they are written once.
 */
final class QueryKeys {

  static final ConfigKey QUERY =
      define(
          null,
          "query",
          MAPPING,
          Default.absentMeans("no process serves the query API"),
          new Described(
              "a mapping {host, port, servedByIndexer, threads, queue, auth, tls, limits}"),
          "The query API (`GET /v1/<pipeline>/rows/<key>`, `rows?keys=`, `search`; OpenAPI at"
              + " `/v1/openapi.json`) on a listener of its own, apart from the admin port.");

  static final ConfigKey HOST =
      define(
          QUERY,
          "host",
          STRING,
          Default.of(QuerySpec.DEFAULT_HOST),
          new Matching(Names.HOST, Names.HOST_EXPECTED),
          "The address the query API listens on; loopback by default.");

  static final ConfigKey PORT =
      define(
          QUERY,
          "port",
          INTEGER,
          Default.of(QuerySpec.DEFAULT_PORT),
          range(0, 65535),
          "The query API's port; 0 takes any free port.");

  static final ConfigKey SERVED_BY_INDEXER =
      define(
          QUERY,
          "servedByIndexer",
          BOOLEAN,
          Default.of(true),
          new Described("true or false"),
          "Whether the indexer serves the query API too; `widerow query` serves it as a process"
              + " of its own either way.");

  static final ConfigKey THREADS =
      define(
          QUERY,
          "threads",
          INTEGER,
          Default.of(QuerySpec.DEFAULT_THREADS),
          range(1, 256),
          "Worker threads that answer queries.");

  static final ConfigKey QUEUE =
      define(
          QUERY,
          "queue",
          INTEGER,
          Default.of(QuerySpec.DEFAULT_QUEUE),
          range(0, 100_000),
          "Requests that may wait for a worker; beyond them a request gets 503 with Retry-After.");

  static final ConfigKey AUTH =
      define(
          QUERY,
          "auth",
          MAPPING,
          Default.REQUIRED,
          new Described("a mapping {tokensEnv, tokensFile, loopbackWithoutToken}"),
          "Who may query: bearer tokens, and whether loopback clients need none. It must grant"
              + " some access.");

  static final ConfigKey TOKENS_ENV =
      define(
          AUTH,
          "tokensEnv",
          STRING,
          Default.absentMeans("no tokens from the environment"),
          new Matching(Names.ENV_VAR, Names.ENV_VAR_EXPECTED),
          "An environment variable holding tokens, one `TOKEN PIPELINE[,PIPELINE...]` (or `*`)"
              + " per line; a token has at least 16 characters.");

  static final ConfigKey TOKENS_FILE =
      define(
          AUTH,
          "tokensFile",
          STRING,
          Default.absentMeans("no tokens from a file"),
          new Described("a file path"),
          "A file of tokens in the same form (a mounted secret); read again when it changes.");

  static final ConfigKey LOOPBACK_WITHOUT_TOKEN =
      define(
          AUTH,
          "loopbackWithoutToken",
          BOOLEAN,
          Default.of(false),
          new Described("true or false"),
          "Whether a client on 127.0.0.1 or ::1 may query without a token (the demo does).");

  static final ConfigKey TLS =
      define(
          QUERY,
          "tls",
          MAPPING,
          Default.absentMeans("plain HTTP"),
          new Described("a mapping {certFile, keyFile}"),
          "Serve HTTPS with this certificate and key.");

  static final ConfigKey TLS_CERT_FILE =
      define(
          TLS,
          "certFile",
          STRING,
          Default.requiredWhere("required in tls"),
          new Described("a file path"),
          "The server's certificate chain, PEM.");

  static final ConfigKey TLS_KEY_FILE =
      define(
          TLS,
          "keyFile",
          STRING,
          Default.requiredWhere("required in tls"),
          new Described("a file path"),
          "The server's private key, PEM (PKCS#8).");

  static final ConfigKey LIMITS =
      define(
          QUERY,
          "limits",
          MAPPING,
          Default.absentMeans("every limit at its default"),
          new Described(
              "a mapping {defaultSize, maxSize, maxWindow, maxKeys, searchTimeoutMs,"
                  + " trackTotalHitsUpTo, leadingWildcards}"),
          "Per-query limits.");

  // Elasticsearch's own index.max_result_window is 10,000: a larger window needs it raised too.
  static final ConfigKey MAX_WINDOW =
      define(
          LIMITS,
          "maxWindow",
          INTEGER,
          Default.of(Limits.DEFAULT.maxWindow()),
          range(1, 1_000_000),
          "The most of `from + size`; deeper pages use the `next` cursor (search_after).");

  static final ConfigKey MAX_SIZE =
      define(
          LIMITS,
          "maxSize",
          INTEGER,
          Default.of(Limits.DEFAULT.maxSize()),
          new ConfigKey.Validator.Range(1, 1_000_000, java.util.Optional.of("maxWindow")),
          "The most hits of one search page.");

  static final ConfigKey DEFAULT_SIZE =
      define(
          LIMITS,
          "defaultSize",
          INTEGER,
          Default.of(Limits.DEFAULT.defaultSize()),
          new ConfigKey.Validator.Range(0, 1_000_000, java.util.Optional.of("maxSize")),
          "Hits per page when a search names no `size`.");

  static final ConfigKey MAX_KEYS =
      define(
          LIMITS,
          "maxKeys",
          INTEGER,
          Default.of(Limits.DEFAULT.maxKeys()),
          range(1, 10_000),
          "The most keys of one multi-get.");

  static final ConfigKey SEARCH_TIMEOUT_MS =
      define(
          LIMITS,
          "searchTimeoutMs",
          INTEGER,
          Default.of((int) Limits.DEFAULT.searchTimeout().toMillis()),
          range(1, 600_000),
          "Elasticsearch's search timeout, in milliseconds: a slower search answers with what it"
              + " has.");

  static final ConfigKey TRACK_TOTAL_HITS_UP_TO =
      define(
          LIMITS,
          "trackTotalHitsUpTo",
          INTEGER,
          Default.of(Limits.DEFAULT.trackTotalHitsUpTo()),
          range(0, Integer.MAX_VALUE),
          "Totals are exact up to this count, then a lower bound.");

  static final ConfigKey LEADING_WILDCARDS =
      define(
          LIMITS,
          "leadingWildcards",
          BOOLEAN,
          Default.of(Limits.DEFAULT.leadingWildcards()),
          new Described("true or false"),
          "Whether a query term may start with `*` or `?` (such a query reads every term).");

  private QueryKeys() {}

  /** Makes sure the keys above are in the table; {@link PipelineKeys} calls it once. */
  static void load() {}
}
