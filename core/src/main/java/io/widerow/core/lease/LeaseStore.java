package io.widerow.core.lease;

import java.io.IOException;
import java.util.Optional;

/**
 * Where leases are kept: one value per key, changed only by compare-and-set, so that of two
 * contenders exactly one wins. Every method returns once the store acknowledged.
 */
public interface LeaseStore extends AutoCloseable {

  /** The value {@code key} holds now; empty when it holds none. */
  Optional<String> read(String key) throws IOException;

  /**
   * Sets {@code key} to {@code value} if it holds {@code expected} (empty: holds nothing).
   *
   * @return whether it did
   */
  boolean compareAndSet(String key, Optional<String> expected, String value) throws IOException;

  /**
   * Removes {@code key}'s value if it is {@code expected}.
   *
   * @return whether it did
   */
  boolean compareAndDelete(String key, String expected) throws IOException;

  @Override
  void close() throws IOException;
}
