package io.widerow.query.auth;

import io.widerow.core.pipeline.QuerySpec.Auth;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Decides whether a request may read a pipeline: its {@code Authorization: Bearer} token must be
 * listed for the pipeline (in the variable or the file the pipeline file names), or, when the
 * pipeline file allows it, the request comes from a loopback address without a token.
 */
public final class BearerTokens {

  /** What a request's credentials allow. */
  public enum Verdict {
    GRANTED,
    /** No token: 401. */
    MISSING,
    /** A token no list holds, or a header that is not a bearer token: 401. */
    UNKNOWN,
    /** A valid token that lacks the pipeline: 403. */
    FORBIDDEN
  }

  private static final String BEARER = "Bearer ";
  private static final Duration RECHECK = Duration.ofSeconds(5);

  private final TokenTable fromEnv;
  private final Optional<TokenFile> fromFile;
  private final boolean loopbackWithoutToken;

  private BearerTokens(
      TokenTable fromEnv, Optional<TokenFile> fromFile, boolean loopbackWithoutToken) {
    this.fromEnv = fromEnv;
    this.fromFile = fromFile;
    this.loopbackWithoutToken = loopbackWithoutToken;
  }

  /**
   * Reads the tokens now: the server does not start without them.
   *
   * @param env the process environment
   * @throws IllegalArgumentException when the variable is unset or empty, the file unreadable, or
   *     an entry invalid; the message names the key and the entry, never a token
   */
  public static BearerTokens load(Auth auth, Function<String, String> env) {
    TokenTable fromEnv = TokenTable.EMPTY;
    if (auth.tokensEnv().isPresent()) {
      String name = auth.tokensEnv().get();
      String value = env.apply(name);
      if (value == null || value.isBlank()) {
        throw new IllegalArgumentException(
            "query.auth.tokensEnv: the variable " + name + " is not set; expected token entries");
      }
      fromEnv = TokenTable.parse(value, "query.auth.tokensEnv " + name);
    }
    Optional<TokenFile> fromFile =
        auth.tokensFile().map(f -> TokenFile.load(f, RECHECK, System::nanoTime));
    return new BearerTokens(fromEnv, fromFile, auth.loopbackWithoutToken());
  }

  /** Tokens from one table alone, for tests and tools. */
  public static BearerTokens of(TokenTable tokens, boolean loopbackWithoutToken) {
    return new BearerTokens(tokens, Optional.empty(), loopbackWithoutToken);
  }

  /**
   * @param authorization the request's {@code Authorization} header; null when absent
   * @param loopback whether the request came from a loopback address
   */
  public Verdict check(String authorization, boolean loopback, String pipeline) {
    if (authorization == null || authorization.isBlank()) {
      return loopback && loopbackWithoutToken ? Verdict.GRANTED : Verdict.MISSING;
    }
    if (!authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
      return Verdict.UNKNOWN;
    }
    String token = authorization.substring(BEARER.length()).strip();
    Set<String> fromVariable = fromEnv.pipelinesOf(token);
    Set<String> fromTokenFile = fromFile.map(f -> f.current().pipelinesOf(token)).orElse(Set.of());
    if (fromVariable.isEmpty() && fromTokenFile.isEmpty()) {
      return Verdict.UNKNOWN;
    }
    return grants(fromVariable, pipeline) || grants(fromTokenFile, pipeline)
        ? Verdict.GRANTED
        : Verdict.FORBIDDEN;
  }

  private static boolean grants(Set<String> pipelines, String pipeline) {
    return pipelines.contains(pipeline) || pipelines.contains(TokenTable.ALL_PIPELINES);
  }
}
