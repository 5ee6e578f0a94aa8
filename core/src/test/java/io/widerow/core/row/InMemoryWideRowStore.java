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
  private final Map<String, Map<String, String>> undecodable = new HashMap<>();
  private final java.util.Set<String> refused = new java.util.HashSet<>();

  /** Makes every call naming {@code rowkey} fail as HBase refuses a rowkey it cannot hold. */
  public synchronized void refuse(String rowkey) {
    refused.add(rowkey);
  }

  /** Stores a cell that does not decode, as a corrupted or foreign write would leave it. */
  public synchronized void putUndecodable(String rowkey, String qualifier, String reason) {
    undecodable.computeIfAbsent(rowkey, k -> new HashMap<>()).put(qualifier, reason);
  }

  private void check(Collection<String> rowkeys) {
    for (String rowkey : rowkeys) {
      if (refused.contains(rowkey)) {
        throw new IllegalArgumentException("Row length " + rowkey.length() + " is refused");
      }
    }
  }

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
    check(rowkeys);
    Map<String, Long> bumped = new LinkedHashMap<>();
    for (String rowkey : rowkeys) {
      bumps.add(rowkey);
      bumped.put(rowkey, versions.merge(rowkey, 1L, Long::sum));
    }
    return bumped;
  }

  @Override
  public synchronized List<WideRow> read(List<String> rowkeys) {
    check(rowkeys);
    return rowkeys.stream()
        .map(
            k ->
                new WideRow(
                    k,
                    versions.getOrDefault(k, 0L),
                    rows.getOrDefault(k, Map.of()),
                    undecodable.getOrDefault(k, Map.of())))
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
