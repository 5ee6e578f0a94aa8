package io.widerow.core.row;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The wide table in memory, for unit tests of the stages: cells kept by qualifier with the newer
 * version winning, versions bumped by one, and every bump noted in order.
 */
public final class InMemoryWideRowStore implements WideRowStore {

  private final Map<String, Map<String, SourceRow>> rows = new HashMap<>();
  private final Map<String, Long> versions = new HashMap<>();
  private final List<String> bumps = new ArrayList<>();

  /** Stores a row and sets its wide-row version, as if ingest wrote it and the merger bumped it. */
  public synchronized void put(String rowkey, long version, SourceRow... cells) {
    for (SourceRow cell : cells) {
      write(List.of(new RowWrite(rowkey, cell)));
    }
    versions.put(rowkey, version);
  }

  @Override
  public synchronized void write(List<RowWrite> writes) {
    for (RowWrite w : writes) {
      rows.computeIfAbsent(w.rowkey(), k -> new HashMap<>())
          .merge(w.row().qualifier(), w.row(), (a, b) -> b.version() > a.version() ? b : a);
    }
  }

  @Override
  public synchronized Map<String, Long> bumpVersions(Collection<String> rowkeys) {
    Map<String, Long> bumped = new LinkedHashMap<>();
    for (String rowkey : rowkeys) {
      bumps.add(rowkey);
      bumped.put(rowkey, versions.merge(rowkey, 1L, Long::sum));
    }
    return bumped;
  }

  @Override
  public synchronized List<WideRow> read(List<String> rowkeys) {
    return rowkeys.stream()
        .map(k -> new WideRow(k, versions.getOrDefault(k, 0L), rows.getOrDefault(k, Map.of())))
        .toList();
  }

  /** Every rowkey bumped so far, once per bump, in order. */
  public synchronized List<String> bumps() {
    return List.copyOf(bumps);
  }

  public synchronized long version(String rowkey) {
    return versions.getOrDefault(rowkey, 0L);
  }

  @Override
  public void close() {}
}
