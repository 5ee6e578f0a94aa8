package io.widerow.query;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.widerow.core.index.SearchPage;
import io.widerow.core.row.SourceRow;
import io.widerow.core.row.WideRow;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * The one JSON shape of a row, for the HTTP endpoints and the command line alike: {@code {key,
 * rowkey, version, tables: {table: {columns} | [children in key order]}}}; deleted source rows are
 * left out.
 */
public final class RowJson {

  private static final ObjectMapper JSON = new ObjectMapper();

  private RowJson() {}

  public static Map<String, Object> row(String key, WideRow row) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("key", key);
    json.put("rowkey", row.rowkey());
    json.put("version", row.version());
    json.put("tables", tables(row));
    return json;
  }

  /**
   * {@code {total, from, size, rows: [...]}}.
   *
   * @param keyOf the entity key of a row, e.g. {@link WideRowClient#keyOf}
   */
  public static Map<String, Object> page(SearchPage page, Function<WideRow, String> keyOf) {
    List<Map<String, Object>> rows = new ArrayList<>(page.rows().size());
    for (WideRow row : page.rows()) {
      rows.add(row(keyOf.apply(row), row));
    }
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("total", page.total());
    json.put("from", page.from());
    json.put("size", page.size());
    json.put("rows", rows);
    return json;
  }

  public static String write(Map<String, Object> json) {
    try {
      return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(json);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("row is not serializable as JSON", e);
    }
  }

  private static Map<String, Object> tables(WideRow row) {
    Set<String> names = new LinkedHashSet<>();
    Set<String> manyTables = new LinkedHashSet<>();
    for (SourceRow cell : row.cells().values()) {
      names.add(cell.table());
      if (cell.childKey() != null) {
        manyTables.add(cell.table());
      }
    }
    Map<String, Object> tables = new LinkedHashMap<>();
    for (String table : names) {
      if (manyTables.contains(table)) {
        List<Map<String, Object>> children = new ArrayList<>();
        row.many(table).forEach(child -> children.add(child.columns()));
        if (!children.isEmpty()) {
          tables.put(table, children);
        }
      } else {
        row.one(table).ifPresent(one -> tables.put(table, one.columns()));
      }
    }
    return tables;
  }
}
