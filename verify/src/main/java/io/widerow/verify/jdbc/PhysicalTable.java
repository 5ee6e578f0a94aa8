package io.widerow.verify.jdbc;

import io.widerow.core.change.BinlogPosition;
import io.widerow.core.change.ChangeEvent;
import io.widerow.core.pipeline.Source;
import io.widerow.core.pipeline.TableSpec;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * One physical shard of a logical table, with the columns verify reads from it.
 *
 * @param columns the kept columns plus the key, primary key and version columns
 * @param estimatedRows information_schema's estimate, for progress only
 * @param readAt the source's binlog position before reading, the version of binlog-versioned rows
 *     (as a snapshot read carries it); null when no table of the source needs it
 */
record PhysicalTable(
    Source source,
    String database,
    String table,
    TableSpec spec,
    List<Column> columns,
    long estimatedRows,
    BinlogPosition readAt) {

  String qualified() {
    return Column.quote(database) + "." + Column.quote(table);
  }

  String where() {
    return source.name() + ":" + database + "." + table;
  }

  String keyColumn() {
    return Column.quote(spec.keyColumn());
  }

  String selectList() {
    return columns.stream().map(Column::quoted).collect(Collectors.joining(", "));
  }

  /** The current row as ingest's snapshot read would have seen it. */
  ChangeEvent event(ResultSet rs) throws SQLException {
    Map<String, Object> after = new LinkedHashMap<>();
    for (int i = 0; i < columns.size(); i++) {
      after.put(columns.get(i).name(), JdbcValues.read(rs, i + 1, columns.get(i)));
    }
    return new ChangeEvent(
        source.name(), database, table, ChangeEvent.Op.READ, null, after, readAt, 0);
  }
}
