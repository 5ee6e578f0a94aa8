package io.widerow.query.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Bearer tokens and the pipelines each may read, parsed from entries {@code TOKEN
 * PIPELINE[,PIPELINE...]} ({@code *}: every pipeline), one per line or separated by {@code ;};
 * blank entries and {@code #} comments are skipped. Only SHA-256 digests of the tokens are kept, so
 * a lookup compares digests, not secrets, and no token can leak into a log or a heap dump.
 */
public final class TokenTable {

  /** Shorter tokens can be guessed; {@code openssl rand -hex 32} makes a good one. */
  public static final int MIN_TOKEN_LENGTH = 16;

  public static final String ALL_PIPELINES = "*";
  public static final TokenTable EMPTY = new TokenTable(Map.of());

  private static final Pattern PIPELINE = Pattern.compile("[a-z][a-z0-9_]*|\\*");

  private final Map<String, Set<String>> pipelinesByDigest;

  private TokenTable(Map<String, Set<String>> pipelinesByDigest) {
    this.pipelinesByDigest = Map.copyOf(pipelinesByDigest);
  }

  /**
   * @param origin what errors call the text, e.g. {@code query.auth.tokensFile '/run/secrets/x'}
   * @throws IllegalArgumentException naming the entry (never its token) and what was expected
   */
  public static TokenTable parse(String text, String origin) {
    Map<String, Set<String>> table = new HashMap<>();
    List<String> errors = new ArrayList<>();
    String[] entries = text.split("[;\\n]");
    for (int i = 0; i < entries.length; i++) {
      String entry = entries[i].strip();
      if (entry.isEmpty() || entry.startsWith("#")) {
        continue;
      }
      String where = origin + " entry " + (i + 1);
      String[] parts = entry.split("\\s+");
      if (parts.length != 2) {
        errors.add(where + ": has " + parts.length + " parts; expected 'TOKEN PIPELINE[,...]'");
        continue;
      }
      if (parts[0].length() < MIN_TOKEN_LENGTH) {
        errors.add(
            where
                + ": the token has "
                + parts[0].length()
                + " characters; expected at least "
                + MIN_TOKEN_LENGTH);
        continue;
      }
      Set<String> pipelines = table.computeIfAbsent(digest(parts[0]), d -> new HashSet<>());
      for (String pipeline : parts[1].split(",")) {
        if (PIPELINE.matcher(pipeline).matches()) {
          pipelines.add(pipeline);
        } else {
          errors.add(where + ": '" + pipeline + "' is not valid; expected a pipeline name or '*'");
        }
      }
    }
    if (!errors.isEmpty()) {
      throw new IllegalArgumentException(String.join("; ", errors));
    }
    return new TokenTable(table);
  }

  /** The pipelines {@code token} may read; empty for an unknown token. */
  public Set<String> pipelinesOf(String token) {
    return pipelinesByDigest.getOrDefault(digest(token), Set.of());
  }

  public int size() {
    return pipelinesByDigest.size();
  }

  private static String digest(String token) {
    try {
      byte[] hash =
          MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
      return java.util.HexFormat.of().formatHex(hash);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }
}
