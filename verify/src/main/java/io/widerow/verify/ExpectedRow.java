package io.widerow.verify;

import io.widerow.core.row.CellCodec;
import io.widerow.core.row.SourceRow;
import io.widerow.verify.Difference.Kind;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The cells HBase should hold for one entity: per qualifier the newest source row, its columns
 * passed through the cell codec so they compare like cells read back (integers as Long).
 */
final class ExpectedRow {

  private ExpectedRow() {}

  static Map<String, SourceRow> cells(SourceEntity entity, Consumer<Difference> problems) {
    Map<String, SourceRow> cells = new LinkedHashMap<>();
    for (SourceRow row : entity.rows()) {
      SourceRow normalized =
          CellCodec.decode(row.qualifier(), row.version(), CellCodec.encode(row));
      SourceRow other = cells.get(row.qualifier());
      if (other != null) {
        problems.accept(
            new Difference(
                Kind.SOURCE_DUPLICATE,
                entity.key(),
                entity.rowkey(),
                "d:" + row.qualifier(),
                "source=" + other.version() + "," + row.version(),
                "two source rows map to one cell; the newer version counts",
                List.of()));
        if (other.version() >= row.version()) {
          continue;
        }
      }
      cells.put(row.qualifier(), normalized);
    }
    return cells;
  }
}
