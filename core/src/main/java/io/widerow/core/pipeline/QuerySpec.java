package io.widerow.core.pipeline;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * The query API ({@code query:} in the pipeline file): its own listener, who may ask, how much work
 * one caller may ask for at once, and how much one query may ask for.
 *
 * @param host the listener's address; loopback unless the file says otherwise
 * @param port the listener's port; 0 picks a free one
 * @param threads workers that run queries (HBase reads, Elasticsearch searches)
 * @param queue requests that may wait for a worker; beyond it a request is answered 503
 * @param servedByIndexer whether the indexer process serves the API too; {@code widerow query}
 *     always does
 */
public record QuerySpec(
    String host,
    int port,
    Auth auth,
    Optional<Tls> tls,
    int threads,
    int queue,
    Limits limits,
    boolean servedByIndexer) {

  public static final String DEFAULT_HOST = "127.0.0.1";
  public static final int DEFAULT_PORT = 28080;
  public static final int DEFAULT_THREADS = 8;
  public static final int DEFAULT_QUEUE = 64;

  /**
   * Where bearer tokens come from. Each entry reads {@code TOKEN PIPELINE[,PIPELINE...]} ({@code *}
   * for every pipeline), one per line, or separated by {@code ;} in the variable.
   *
   * @param tokensEnv an environment variable holding token entries
   * @param tokensFile a file holding token entries (a mounted secret); re-read when it changes
   * @param loopbackWithoutToken whether a request from a loopback address needs no token
   */
  public record Auth(
      Optional<String> tokensEnv, Optional<Path> tokensFile, boolean loopbackWithoutToken) {

    /** Anyone on this machine, no tokens: the demo's and the benchmark's setting. */
    public static final Auth LOOPBACK_ONLY = new Auth(Optional.empty(), Optional.empty(), true);
  }

  /** PEM files: the certificate chain, and the PKCS#8 private key. */
  public record Tls(Path certFile, Path keyFile) {}

  /**
   * What one request may ask for.
   *
   * @param defaultSize hits per page when {@code size} is not given
   * @param maxSize the most hits per page
   * @param maxWindow the most of {@code from + size}; deeper pages use {@code search_after}
   * @param maxKeys the most keys of one multi-get
   * @param searchTimeout Elasticsearch's search timeout: a slower search answers with what it has
   * @param trackTotalHitsUpTo totals are exact up to this count, then a lower bound
   * @param leadingWildcards whether a term may start with {@code *} or {@code ?}
   */
  public record Limits(
      int defaultSize,
      int maxSize,
      int maxWindow,
      int maxKeys,
      Duration searchTimeout,
      int trackTotalHitsUpTo,
      boolean leadingWildcards) {

    public static final Limits DEFAULT =
        new Limits(10, 100, 10_000, 100, Duration.ofSeconds(2), 10_000, false);
  }

  /** The defaults on a port of its own, without tokens: loopback only. */
  public static QuerySpec loopback(int port) {
    return new QuerySpec(
        DEFAULT_HOST,
        port,
        Auth.LOOPBACK_ONLY,
        Optional.empty(),
        DEFAULT_THREADS,
        DEFAULT_QUEUE,
        Limits.DEFAULT,
        true);
  }
}
