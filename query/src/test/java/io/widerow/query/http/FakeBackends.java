package io.widerow.query.http;

import io.widerow.core.index.SearchIndex;
import io.widerow.core.row.RowWrite;
import io.widerow.core.row.SourceRow;
import io.widerow.core.row.WideRow;
import io.widerow.core.row.WideRowStore;
import io.widerow.core.rowkey.RowKeyCodec;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/** In-memory HBase and Elasticsearch stand-ins: orders by key, and a search that may be held. */
final class FakeBackends {

  final RowKeyCodec rowkeys = new RowKeyCodec(8);
  final Store store = new Store();
  final Index index = new Index();

  /** Stores an order with this status; every search hits all stored orders in key order. */
  void order(String key, String status) {
    String rowkey = rowkeys.encode(key);
    Map<String, SourceRow> cells = new LinkedHashMap<>();
    cells.put(
        "orders", SourceRow.live("orders", null, 1, Map.of("order_id", key, "status", status)));
    store.rows.put(rowkey, new WideRow(rowkey, 3, cells));
    index.documents.put(rowkey, Map.of("rowkey", rowkey, "order_id", key, "status", status));
  }

  static final class Store implements WideRowStore {
    final Map<String, WideRow> rows = new LinkedHashMap<>();

    @Override
    public synchronized List<WideRow> read(List<String> keys) {
      List<WideRow> found = new ArrayList<>();
      for (String k : keys) {
        found.add(rows.getOrDefault(k, new WideRow(k, 0, Map.of())));
      }
      return found;
    }

    @Override
    public void write(List<RowWrite> writes) {
      throw new UnsupportedOperationException();
    }

    @Override
    public Map<String, Long> bumpVersions(Collection<String> rowkeys) {
      throw new UnsupportedOperationException();
    }

    @Override
    public void close() {}
  }

  static final class Index implements SearchIndex {
    final Map<String, Map<String, Object>> documents = new LinkedHashMap<>();
    final AtomicInteger entered = new AtomicInteger();
    final AtomicReference<SearchQuery> last = new AtomicReference<>();
    volatile CountDownLatch gate = new CountDownLatch(0);
    volatile RuntimeException refusal;
    volatile IOException failure;

    @Override
    public Hits search(SearchQuery query) throws IOException {
      last.set(query);
      entered.incrementAndGet();
      try {
        if (!gate.await(30, TimeUnit.SECONDS)) {
          throw new IOException("gate never opened");
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IOException(e);
      }
      if (refusal != null) {
        throw refusal;
      }
      if (failure != null) {
        throw failure;
      }
      List<Hit> hits = new ArrayList<>();
      for (var doc : documents.entrySet()) {
        if (hits.size() < query.size()) {
          hits.add(
              new Hit(
                  doc.getKey(),
                  query.documents() ? doc.getValue() : Map.of(),
                  List.of(doc.getKey())));
        }
      }
      return new Hits(documents.size(), true, false, hits);
    }

    @Override
    public void close() {}
  }
}
