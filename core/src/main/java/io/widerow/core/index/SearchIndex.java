package io.widerow.core.index;

import java.io.IOException;
import java.util.List;

/** The secondary index as the query path sees it: a query string in, rowkeys in hit order out. */
public interface SearchIndex extends AutoCloseable {

  /**
   * @throws IllegalArgumentException when the index refuses the query, with its reason
   */
  Hits search(String queryString, int from, int size) throws IOException;

  /**
   * @param total all matching documents, not only this page
   */
  record Hits(long total, List<String> rowkeys) {
    public Hits {
      rowkeys = List.copyOf(rowkeys);
    }
  }
}
