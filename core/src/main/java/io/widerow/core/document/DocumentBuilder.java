package io.widerow.core.document;

import io.widerow.core.document.BuildOutcome.Ready;
import io.widerow.core.document.BuildOutcome.Rejected;
import io.widerow.core.document.FieldValues.UnfitValueException;
import io.widerow.core.document.IndexAction.Delete;
import io.widerow.core.document.IndexAction.Upsert;
import io.widerow.core.index.IndexLayout;
import io.widerow.core.pipeline.FieldSpec;
import io.widerow.core.pipeline.FieldSpec.CopyField;
import io.widerow.core.pipeline.FieldSpec.DerivedField;
import io.widerow.core.pipeline.FieldSpec.NestedField;
import io.widerow.core.pipeline.FieldSpec.ValueField;
import io.widerow.core.pipeline.Pipeline;
import io.widerow.core.pipeline.TableSpec;
import io.widerow.core.pipeline.TableSpec.Cardinality;
import io.widerow.core.row.SourceRow;
import io.widerow.core.row.WideRow;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Turns one wide row into its search document, or into a delete when the root table's row is gone:
 * pure, so that what the index holds follows from the row alone.
 */
public final class DocumentBuilder {

  private final Pipeline pipeline;
  private final TableSpec root;
  private final Function<String, String> entityKeyOf;

  /**
   * @param entityKeyOf decodes a rowkey to the entity key (the document id); throws {@link
   *     IllegalArgumentException} for a rowkey that is not one
   */
  public DocumentBuilder(Pipeline pipeline, Function<String, String> entityKeyOf) {
    this.pipeline = pipeline;
    this.root = pipeline.rootTable();
    this.entityKeyOf = entityKeyOf;
    for (FieldSpec field : pipeline.elasticsearch().fields()) {
      if (IndexLayout.isReserved(field.name())) {
        throw new IllegalArgumentException(
            "elasticsearch.fields." + field.name() + ": the name is reserved by the index");
      }
      tableOf(field).ifPresent(pipeline::table); // fails now, not per row, for a missing table
    }
  }

  public BuildOutcome build(WideRow row) {
    String id;
    try {
      id = entityKeyOf.apply(row.rowkey());
    } catch (IllegalArgumentException e) {
      return new Rejected(row.rowkey(), "rowkey is not a valid rowkey: " + e.getMessage());
    }
    // Each table's rows are gathered once per row, however many fields read them.
    Map<String, List<SourceRow>> rowsByTable = new HashMap<>();
    if (rowsOf(row, root, rowsByTable).isEmpty()) {
      return new Ready(new Delete(id, row.rowkey(), row.version()));
    }
    Map<String, Object> document = new LinkedHashMap<>();
    document.put(IndexLayout.ROWKEY_FIELD, row.rowkey());
    for (FieldSpec field : pipeline.elasticsearch().fields()) {
      try {
        Object value = valueOf(field, row, rowsByTable);
        if (value != null) {
          document.put(field.name(), value);
        } else if (field.options().nullValue().isPresent()) {
          // Elasticsearch indexes null_value only for an explicit null, not for a missing field.
          document.put(field.name(), null);
        }
      } catch (UnfitValueException e) {
        return new Rejected(row.rowkey(), "field " + field.name() + " " + e.getMessage());
      }
    }
    return new Ready(new Upsert(id, row.rowkey(), row.version(), document));
  }

  private Object valueOf(FieldSpec field, WideRow row, Map<String, List<SourceRow>> rowsByTable)
      throws UnfitValueException {
    if (field instanceof CopyField) {
      return null; // filled by Elasticsearch from other fields' copyTo, never in _source
    }
    TableSpec table = pipeline.table(tableOf(field).orElseThrow());
    List<SourceRow> rows = rowsOf(row, table, rowsByTable);
    if (field instanceof ValueField value) {
      if (table.cardinality() == Cardinality.MANY) {
        return nonNullValues(value, rows);
      }
      if (rows.isEmpty()) {
        return value.whenAbsent().isEmpty()
            ? null
            : FieldValues.convert(value.whenAbsent().get(), value.type());
      }
      return convert(value, rows.get(0));
    }
    if (field instanceof DerivedField derived) {
      return Derivations.value(derived, rows);
    }
    return nestedObjects((NestedField) field, rows);
  }

  private static Optional<String> tableOf(FieldSpec field) {
    if (field instanceof ValueField value) {
      return Optional.of(value.table());
    }
    if (field instanceof NestedField nested) {
      return Optional.of(nested.table());
    }
    if (field instanceof DerivedField derived) {
      return Optional.of(derived.table());
    }
    return Optional.empty();
  }

  /** A MANY table's values in child-key order; nulls left out, no children → no field. */
  private static List<Object> nonNullValues(ValueField field, List<SourceRow> children)
      throws UnfitValueException {
    List<Object> values = new ArrayList<>(children.size());
    for (SourceRow child : children) {
      Object value = convert(field, child);
      if (value != null) {
        values.add(value);
      }
    }
    return values.isEmpty() ? null : values;
  }

  private static List<Map<String, Object>> nestedObjects(
      NestedField nested, List<SourceRow> children) throws UnfitValueException {
    List<Map<String, Object>> objects = new ArrayList<>(children.size());
    for (SourceRow child : children) {
      Map<String, Object> object = new LinkedHashMap<>();
      for (ValueField field : nested.fields()) {
        Object value = convert(field, child);
        if (value != null || field.options().nullValue().isPresent()) {
          object.put(field.name(), value);
        }
      }
      objects.add(object);
    }
    return objects.isEmpty() ? null : objects;
  }

  private static Object convert(ValueField field, SourceRow row) throws UnfitValueException {
    try {
      return FieldValues.convert(row.columns().get(field.column()), field.type());
    } catch (UnfitValueException e) {
      throw new UnfitValueException(
          "(from " + row.qualifier() + "." + field.column() + "): " + e.getMessage(), e);
    }
  }

  /** The live rows of a table: at most one for a ONE table, children in key order for MANY. */
  private static List<SourceRow> rowsOf(
      WideRow row, TableSpec table, Map<String, List<SourceRow>> rowsByTable) {
    return rowsByTable.computeIfAbsent(
        table.name(),
        name ->
            table.cardinality() == Cardinality.ONE
                ? row.one(name).stream().toList()
                : row.many(name));
  }
}
