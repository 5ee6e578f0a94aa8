package io.widerow.core.index;

import io.widerow.core.row.WideRow;
import java.util.List;

/**
 * One page of search results as whole wide rows, in hit order.
 *
 * @param total matching documents in the index; may count an entity whose delete the index has not
 *     caught up with yet, while {@code rows} leaves it out
 */
public record SearchPage(long total, int from, int size, List<WideRow> rows) {
  public SearchPage {
    rows = List.copyOf(rows);
  }
}
