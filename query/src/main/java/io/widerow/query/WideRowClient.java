package io.widerow.query;

import io.widerow.core.index.SearchIndex;
import io.widerow.core.index.SearchPage;
import io.widerow.core.pipeline.Pipeline;
import io.widerow.core.pipeline.TableSpec;
import io.widerow.core.pipeline.TableSpec.Cardinality;
import io.widerow.core.row.WideRow;
import io.widerow.core.row.WideRowStore;
import io.widerow.core.rowkey.RowKeyCodec;
import io.widerow.elasticsearch.ElasticsearchSearchIndex;
import io.widerow.hbase.HBaseWideRowStore;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads entities the way users ask for them: a whole wide row by key from HBase, or a search in
 * Elasticsearch whose hits are read back as whole rows from HBase (the index holds only searchable
 * fields).
 */
public final class WideRowClient implements AutoCloseable {

  /** Beyond this, a page would be a bulk export, which the query path is not for. */
  public static final int MAX_PAGE_SIZE = 1000;

  private final WideRowStore store;
  private final SearchIndex index;
  private final TableSpec root;
  private final RowKeyCodec rowkeys;

  public WideRowClient(WideRowStore store, SearchIndex index, TableSpec root, RowKeyCodec rowkeys) {
    this.store = store;
    this.index = index;
    this.root = root;
    this.rowkeys = rowkeys;
  }

  /** Opens HBase and Elasticsearch clients of its own, closed with this client. */
  public static WideRowClient open(Pipeline pipeline) throws IOException {
    WideRowStore store = HBaseWideRowStore.open(pipeline.hbase());
    try {
      return new WideRowClient(
          store,
          ElasticsearchSearchIndex.open(pipeline.elasticsearch()),
          pipeline.rootTable(),
          new RowKeyCodec(pipeline.hbase().saltBuckets()));
    } catch (RuntimeException e) {
      store.close();
      throw e;
    }
  }

  /** The entity's whole row; empty when it does not exist (no live root row). */
  public Optional<WideRow> get(String key) throws IOException {
    WideRow row = store.read(List.of(rowkeys.encode(key))).get(0);
    return exists(row) ? Optional.of(row) : Optional.empty();
  }

  /** Each entity's whole row in key order, in one multi-get; empty where it does not exist. */
  public List<Optional<WideRow>> getAll(List<String> keys) throws IOException {
    List<String> encoded = new ArrayList<>(keys.size());
    keys.forEach(k -> encoded.add(rowkeys.encode(k)));
    List<Optional<WideRow>> rows = new ArrayList<>(keys.size());
    for (WideRow row : store.read(encoded)) {
      rows.add(exists(row) ? Optional.of(row) : Optional.empty());
    }
    return rows;
  }

  /** A search's hits and their whole rows, in hit order. */
  public record RowPage(SearchIndex.Hits hits, List<WideRow> rows) {
    public RowPage {
      rows = List.copyOf(rows);
    }
  }

  /**
   * A search whose hits are read back as whole rows from HBase; a hit whose row no longer exists
   * (the index may lag a delete by a moment) is left out of the rows.
   *
   * @throws IllegalArgumentException for a query the index refuses, with its reason
   */
  public RowPage searchRows(SearchIndex.SearchQuery query) throws IOException {
    SearchIndex.Hits hits = index.search(query);
    return new RowPage(hits, existingRows(hits.rowkeys()));
  }

  /**
   * A search answered from the index alone: each hit's searchable fields, no HBase read.
   *
   * @throws IllegalArgumentException for a query the index refuses, with its reason
   */
  public SearchIndex.Hits searchDocuments(SearchIndex.SearchQuery query) throws IOException {
    return index.search(query);
  }

  /**
   * One page of a query-string search over every field, as whole rows in hit order, with an exact
   * total: what the command line's {@code search} prints.
   *
   * @throws IllegalArgumentException for a bad query (with the index's reason) or a bad page
   */
  public SearchPage search(String queryString, int from, int size) throws IOException {
    if (from < 0 || size < 0 || size > MAX_PAGE_SIZE) {
      throw new IllegalArgumentException(
          "from must be >= 0 and size within 0.."
              + MAX_PAGE_SIZE
              + "; got from="
              + from
              + ", size="
              + size);
    }
    SearchIndex.Hits hits = index.search(SearchIndex.SearchQuery.page(queryString, from, size));
    return new SearchPage(hits.total(), from, size, existingRows(hits.rowkeys()));
  }

  private List<WideRow> existingRows(List<String> rowkeys) throws IOException {
    List<WideRow> rows = new ArrayList<>(rowkeys.size());
    if (!rowkeys.isEmpty()) {
      for (WideRow row : store.read(rowkeys)) {
        // The index may lag a delete by a moment; HBase is the truth for existence.
        if (exists(row)) {
          rows.add(row);
        }
      }
    }
    return rows;
  }

  /** The entity key of a rowkey, for presenting a row. */
  public String keyOf(WideRow row) {
    return rowkeys.decode(row.rowkey());
  }

  /** The entity key of a rowkey. */
  public String keyOf(String rowkey) {
    return rowkeys.decode(rowkey);
  }

  private boolean exists(WideRow row) {
    return root.cardinality() == Cardinality.ONE
        ? row.one(root.name()).isPresent()
        : !row.many(root.name()).isEmpty();
  }

  @Override
  public void close() throws Exception {
    try (AutoCloseable s = store;
        AutoCloseable i = index) {
      // both closed, index first, even when one fails
    }
  }
}
