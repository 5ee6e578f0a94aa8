package io.widerow.query.auth;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A token file, re-read when it changes (a rotated secret), looked at no more often than every
 * {@code recheck}. A change that cannot be read or parsed keeps the tokens already loaded: a
 * half-written secret must not lock every caller out.
 */
final class TokenFile {

  private static final Logger LOG = LoggerFactory.getLogger(TokenFile.class);

  private final Path file;
  private final String origin;
  private final long recheckNanos;
  private final LongSupplier nanoTime;
  private volatile TokenTable table;
  private volatile FileTime modified;
  private volatile long checkedAt;

  private TokenFile(Path file, Duration recheck, LongSupplier nanoTime) {
    this.file = file;
    this.origin = "query.auth.tokensFile '" + file + "'";
    this.recheckNanos = recheck.toNanos();
    this.nanoTime = nanoTime;
  }

  /**
   * Reads the file now.
   *
   * @throws IllegalArgumentException when it cannot be read or holds an invalid entry
   */
  static TokenFile load(Path file, Duration recheck, LongSupplier nanoTime) {
    TokenFile tokens = new TokenFile(file, recheck, nanoTime);
    try {
      tokens.read();
    } catch (IOException e) {
      throw new IllegalArgumentException(
          tokens.origin + ": cannot be read (" + e.getClass().getSimpleName() + ")", e);
    }
    return tokens;
  }

  TokenTable current() {
    long now = nanoTime.getAsLong();
    if (now - checkedAt >= recheckNanos) {
      maybeReload(now);
    }
    return table;
  }

  private synchronized void maybeReload(long now) {
    if (now - checkedAt < recheckNanos) {
      return;
    }
    checkedAt = now;
    try {
      if (!Files.getLastModifiedTime(file).equals(modified)) {
        read();
        LOG.info("{}: re-read, {} tokens", origin, table.size());
      }
    } catch (IOException | IllegalArgumentException e) {
      LOG.warn(
          "{}: changed but not usable, keeping the tokens loaded before: {}",
          origin,
          e.getMessage());
    }
  }

  private void read() throws IOException {
    FileTime time = Files.getLastModifiedTime(file);
    String text = Files.readString(file, StandardCharsets.UTF_8);
    table = TokenTable.parse(text, origin);
    modified = time;
    checkedAt = nanoTime.getAsLong();
  }
}
