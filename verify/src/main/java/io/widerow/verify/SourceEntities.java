package io.widerow.verify;

import io.widerow.core.change.ChangeEvent;
import io.widerow.core.change.ChangeEventMapper;
import io.widerow.core.change.MappingResult;
import io.widerow.core.row.RowWrite;
import io.widerow.core.row.SourceRow;
import io.widerow.core.rowkey.RowKeyCodec;
import io.widerow.verify.Difference.Kind;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Maps source rows to cells with ingest's own {@link ChangeEventMapper} (as snapshot reads), so the
 * expected rowkey, qualifier, kept columns and version are exactly what ingest would write.
 */
final class SourceEntities {

  /** One source row, mapped: its entity key and the cell ingest would write. */
  record Mapped(String key, RowWrite write) {}

  private final ChangeEventMapper mapper;
  private final RowKeyCodec rowkeys;
  private final Consumer<Difference> problems;

  SourceEntities(ChangeEventMapper mapper, RowKeyCodec rowkeys, Consumer<Difference> problems) {
    this.mapper = mapper;
    this.rowkeys = rowkeys;
    this.problems = problems;
  }

  /** The mapped row, or null when ingest could not map it either (reported as a problem). */
  Mapped map(ChangeEvent event) {
    MappingResult result = mapper.map(event);
    if (result instanceof MappingResult.Writes writes && writes.writes().size() == 1) {
      RowWrite write = writes.writes().get(0);
      return new Mapped(rowkeys.decode(write.rowkey()), write);
    }
    String reason =
        result instanceof MappingResult.RecordError error
            ? error.reason()
            : "not mapped to one cell: " + result.getClass().getSimpleName();
    problems.accept(
        new Difference(
            Kind.SOURCE_ERROR,
            "?",
            "?",
            event.database() + "." + event.table(),
            "",
            reason,
            List.of()));
    return null;
  }

  /** One entity per key, in the order of {@code keys}; an entity without source rows is empty. */
  List<SourceEntity> group(Collection<String> keys, List<ChangeEvent> events) {
    Map<String, List<SourceRow>> rows = new LinkedHashMap<>();
    keys.forEach(k -> rows.put(k, new ArrayList<>()));
    for (ChangeEvent event : events) {
      Mapped mapped = map(event);
      // A row matched by the SQL IN (...) under another spelling (e.g. '007' for 7) is not ours.
      if (mapped != null && rows.containsKey(mapped.key())) {
        rows.get(mapped.key()).add(mapped.write().row());
      }
    }
    List<SourceEntity> entities = new ArrayList<>(rows.size());
    rows.forEach((key, list) -> entities.add(new SourceEntity(key, rowkeys.encode(key), list)));
    return entities;
  }

  String rowkeyOf(String key) {
    return rowkeys.encode(key);
  }
}
