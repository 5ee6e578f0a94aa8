package io.widerow.core.service;

import java.util.ArrayDeque;
import java.util.Deque;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Closes a service's resources in reverse order of registration, each by name, logging how long
 * each took; a failing close is logged and the rest still close.
 */
public final class NamedCloser implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(NamedCloser.class);

  private record Entry(String name, AutoCloseable resource) {}

  private final String owner;
  private final Deque<Entry> resources = new ArrayDeque<>();

  public NamedCloser(String owner) {
    this.owner = owner;
  }

  public synchronized <T extends AutoCloseable> T register(String name, T resource) {
    resources.push(new Entry(name, resource));
    return resource;
  }

  @Override
  public synchronized void close() {
    while (!resources.isEmpty()) {
      Entry e = resources.pop();
      long start = System.nanoTime();
      try {
        e.resource().close();
        LOG.info(
            "{}: closed {} in {} ms", owner, e.name(), (System.nanoTime() - start) / 1_000_000);
      } catch (Exception ex) {
        LOG.warn("{}: closing {} failed: {}", owner, e.name(), ex.toString());
      }
    }
  }
}
