package io.widerow.core.change;

import io.widerow.core.pipeline.Pipeline;
import io.widerow.core.pipeline.TableSpec;
import io.widerow.core.pipeline.VersionSource;
import io.widerow.core.row.CellOrigin;
import io.widerow.core.row.RowWrite;
import io.widerow.core.row.SourceRow;
import io.widerow.core.rowkey.RowKeyCodec;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Turns one source row change into the wide-row cells it touches: a live cell at the row's version,
 * a tombstone for a delete, and both when an update moves the row to another entity or child key;
 * each cell with its {@link CellOrigin}. A column the pipeline names that a row image lacks
 * altogether (dropped or renamed) is a schema error, a null one a record error. Pure: no I/O, no
 * clock. Safe for use by several threads.
 */
public final class ChangeEventMapper {

  /** HBase reserves {@code Long.MAX_VALUE} as "latest"; a delete adds one to the version. */
  static final long MAX_VERSION = Long.MAX_VALUE - 2;

  private final Pipeline pipeline;
  private final RowKeyCodec rowKeys;

  /**
   * Each physical table's logical table, looked up once: running every table's pattern on every
   * change cost several microseconds per change for the last table of the file.
   */
  private final Map<String, Optional<TableSpec>> logicalTables = new ConcurrentHashMap<>();

  public ChangeEventMapper(Pipeline pipeline) {
    this(pipeline, new RowKeyCodec(pipeline.hbase().saltBuckets()));
  }

  public ChangeEventMapper(Pipeline pipeline, RowKeyCodec rowKeys) {
    this.pipeline = pipeline;
    this.rowKeys = rowKeys;
  }

  public MappingResult map(ChangeEvent event) {
    Optional<TableSpec> spec =
        logicalTables.computeIfAbsent(
            event.database() + "." + event.table(),
            qualified -> pipeline.tableFor(event.database(), event.table()));
    if (spec.isEmpty()) {
      return new MappingResult.Skipped(
          event.database() + "." + event.table() + " maps to no logical table");
    }
    if (event.op() == ChangeEvent.Op.TRUNCATE) {
      return new MappingResult.Truncated(spec.get().name());
    }
    try {
      return new MappingResult.Writes(writes(spec.get(), event));
    } catch (Invalid e) {
      String reason = spec.get().name() + ": " + e.getMessage();
      return e.schema
          ? new MappingResult.SchemaError(
              "tables."
                  + spec.get().name()
                  + ": "
                  + e.getMessage()
                  + " of "
                  + event.database()
                  + "."
                  + event.table()
                  + " (dropped or renamed by ALTER TABLE?)")
          : new MappingResult.RecordError(reason);
    }
  }

  private List<RowWrite> writes(TableSpec spec, ChangeEvent event) throws Invalid {
    return switch (event.op()) {
      case CREATE, READ -> List.of(live(spec, event, version(spec, event, event.after())));
      case DELETE -> {
        long version = deleteVersion(spec, event);
        Address at = address(spec, event.before(), "before");
        yield List.of(
            tombstone(
                spec, at, version, origin(spec, event, event.before(), at, CellOrigin.DELETE)));
      }
      case UPDATE -> update(spec, event);
      case TRUNCATE -> throw new IllegalStateException("a truncate writes no cells");
    };
  }

  private List<RowWrite> update(TableSpec spec, ChangeEvent event) throws Invalid {
    long version = version(spec, event, event.after());
    RowWrite live = live(spec, event, version);
    Optional<Address> old = previousAddress(spec, event.before());
    Address now = new Address(live.rowkey(), live.row().childKey());
    if (old.isEmpty() || old.get().equals(now)) {
      return List.of(live);
    }
    // The row left its old cell: bury it at a version no older than the delete of that row
    // would carry, so a late event for the old key cannot bring it back.
    long buried = Math.max(version, previousVersionPlusOne(spec, event).orElse(version));
    CellOrigin moved = origin(spec, event, event.before(), old.get(), CellOrigin.MOVED);
    return List.of(tombstone(spec, old.get(), buried, moved), live);
  }

  private RowWrite live(TableSpec spec, ChangeEvent event, long version) throws Invalid {
    Address at = address(spec, event.after(), "after");
    Map<String, Object> columns = new LinkedHashMap<>();
    for (Map.Entry<String, Object> column : event.after().entrySet()) {
      if (spec.keeps(column.getKey())) {
        columns.put(column.getKey(), column.getValue());
      }
    }
    String change =
        switch (event.op()) {
          case READ -> CellOrigin.SNAPSHOT;
          case CREATE -> CellOrigin.INSERT;
          default -> CellOrigin.UPDATE;
        };
    return new RowWrite(
        at.rowkey(),
        SourceRow.live(spec.name(), at.childKey(), version, columns),
        origin(spec, event, event.after(), at, change));
  }

  private static RowWrite tombstone(TableSpec spec, Address at, long version, CellOrigin origin) {
    return new RowWrite(
        at.rowkey(), SourceRow.tombstone(spec.name(), at.childKey(), version), origin);
  }

  private static CellOrigin origin(
      TableSpec spec, ChangeEvent event, Map<String, Object> image, Address at, String change) {
    return new CellOrigin(
        event.source(),
        event.database(),
        event.table(),
        at.childKey() != null ? at.childKey() : primaryKey(spec, image),
        event.position() == null ? "" : event.position().toString(),
        event.sourceTsMs(),
        change);
  }

  /** A ONE table's primary key, for the origin only: a part it cannot show is left empty. */
  private static String primaryKey(TableSpec spec, Map<String, Object> image) {
    if (spec.primaryKey().size() == 1) {
      Object value = image.get(spec.primaryKey().get(0));
      return value == null ? "" : plain(value);
    }
    List<String> parts = new ArrayList<>(spec.primaryKey().size());
    for (String column : spec.primaryKey()) {
      Object value = image.get(column);
      parts.add(value == null ? "" : plain(value));
    }
    return String.join(",", parts);
  }

  private static String plain(Object value) {
    return value instanceof BigDecimal d ? d.toPlainString() : value.toString();
  }

  /** Where a row image lives: the entity's rowkey and, for a MANY table, the child key. */
  private record Address(String rowkey, String childKey) {}

  private Address address(TableSpec spec, Map<String, Object> image, String which) throws Invalid {
    if (image.isEmpty()) {
      throw new Invalid("change has no '" + which + "' row image");
    }
    String key = keyValue(image, spec.keyColumn(), which);
    String childKey =
        spec.cardinality() == TableSpec.Cardinality.MANY ? childKey(spec, image, which) : null;
    return new Address(rowKeys.encode(key), childKey);
  }

  /** The old cell of an update, when the before image has what it takes to name it. */
  private Optional<Address> previousAddress(TableSpec spec, Map<String, Object> before)
      throws Invalid {
    boolean named = before.get(spec.keyColumn()) != null;
    if (spec.cardinality() == TableSpec.Cardinality.MANY) {
      named &= spec.primaryKey().stream().allMatch(c -> before.get(c) != null);
    }
    // Without a full before image (binlog_row_image=MINIMAL) a key change cannot be seen.
    return named ? Optional.of(address(spec, before, "before")) : Optional.empty();
  }

  private static String childKey(TableSpec spec, Map<String, Object> image, String which)
      throws Invalid {
    List<String> parts = new ArrayList<>(spec.primaryKey().size());
    for (String column : spec.primaryKey()) {
      parts.add(keyValue(image, column, which));
    }
    return String.join(",", parts);
  }

  private static String keyValue(Map<String, Object> image, String column, String which)
      throws Invalid {
    Object value = image.get(column);
    if (value == null && !image.containsKey(column)) {
      throw Invalid.schema("key column '" + column + "' is missing from the rows");
    }
    if (value == null) {
      throw new Invalid("key column '" + column + "' is null in the '" + which + "' row");
    }
    String text;
    if (value instanceof BigDecimal d) {
      text = d.toPlainString();
    } else if (value instanceof String || value instanceof Number || value instanceof Boolean) {
      text = value.toString();
    } else {
      throw new Invalid("key column '" + column + "' holds a " + value.getClass().getSimpleName());
    }
    if (text.isEmpty()) {
      throw new Invalid("key column '" + column + "' is empty in the '" + which + "' row");
    }
    return text;
  }

  private static long version(TableSpec spec, ChangeEvent event, Map<String, Object> image)
      throws Invalid {
    if (spec.version() instanceof VersionSource.Column c) {
      return columnVersion(c.column(), image, "after");
    }
    return binlogVersion(event);
  }

  private static long deleteVersion(TableSpec spec, ChangeEvent event) throws Invalid {
    if (spec.version() instanceof VersionSource.Column c) {
      return columnVersion(c.column(), event.before(), "before") + 1;
    }
    return binlogVersion(event);
  }

  private static OptionalLong previousVersionPlusOne(TableSpec spec, ChangeEvent event) {
    if (spec.version() instanceof VersionSource.Column c) {
      try {
        return OptionalLong.of(columnVersion(c.column(), event.before(), "before") + 1);
      } catch (Invalid unreadable) {
        // the after image's version still orders this change; the before image is advisory
      }
    }
    return OptionalLong.empty();
  }

  private static long binlogVersion(ChangeEvent event) throws Invalid {
    BinlogPosition at = Objects.requireNonNull(event.position(), "position");
    return at.version(event.op() == ChangeEvent.Op.READ)
        .orElseThrow(
            () -> new Invalid("binlog position " + at + " is beyond what a version can pack"));
  }

  private static long columnVersion(String column, Map<String, Object> image, String which)
      throws Invalid {
    Object value = image.get(column);
    if (value == null && !image.containsKey(column)) {
      throw Invalid.schema("version column '" + column + "' is missing from the rows");
    }
    if (value == null) {
      throw new Invalid("version column '" + column + "' is null in the '" + which + "' row");
    }
    long version = numericVersion(column, value);
    if (version < 0 || version > MAX_VERSION) {
      throw new Invalid(
          "version column '" + column + "' is " + version + "; expected 0.." + MAX_VERSION);
    }
    return version;
  }

  private static long numericVersion(String column, Object value) throws Invalid {
    // The value itself stays out of the message: dead-letter reasons end up in logs.
    String type = value.getClass().getSimpleName();
    try {
      if (value instanceof Long
          || value instanceof Integer
          || value instanceof Short
          || value instanceof Byte) {
        return ((Number) value).longValue();
      } else if (value instanceof BigInteger b) {
        return b.longValueExact();
      } else if (value instanceof BigDecimal d) {
        return d.longValueExact();
      } else if (value instanceof String s) {
        return stringVersion(s.trim());
      }
    } catch (ArithmeticException | NumberFormatException | DateTimeParseException e) {
      throw new Invalid(notNumeric(column, "a " + type + " that is not one"));
    }
    throw new Invalid(notNumeric(column, "a " + type));
  }

  /**
   * A DECIMAL or BIGINT UNSIGNED version arrives as a string; a TIMESTAMP update-time column as an
   * ISO-8601 string, which becomes epoch milliseconds.
   */
  private static long stringVersion(String text) {
    if (text.indexOf('T') > 0) {
      return OffsetDateTime.parse(text).toInstant().toEpochMilli();
    }
    return new BigDecimal(text).longValueExact();
  }

  private static String notNumeric(String column, String what) {
    return "version column '" + column + "' is not a whole number: " + what;
  }

  /** A change that cannot be mapped; never leaves this class. */
  private static final class Invalid extends Exception {
    /** The table lacks the column altogether: every row fails alike. */
    final boolean schema;

    Invalid(String message) {
      this(message, false);
    }

    private Invalid(String message, boolean schema) {
      super(message, null, false, false);
      this.schema = schema;
    }

    static Invalid schema(String message) {
      return new Invalid(message, true);
    }
  }
}
