package io.widerow.core.pipeline;

import static io.widerow.core.pipeline.PipelineKeys.ES_FIELDS;
import static io.widerow.core.pipeline.PipelineKeys.FIELD_FROM;
import static io.widerow.core.pipeline.PipelineKeys.FIELD_NESTED;
import static io.widerow.core.pipeline.PipelineKeys.FIELD_TYPE;
import static io.widerow.core.pipeline.PipelineKeys.NESTED_FIELDS;
import static io.widerow.core.pipeline.PipelineKeys.NESTED_FIELD_FROM;
import static io.widerow.core.pipeline.PipelineKeys.NESTED_FIELD_TYPE;

import io.widerow.core.pipeline.FieldSpec.NestedField;
import io.widerow.core.pipeline.FieldSpec.ValueField;
import io.widerow.core.pipeline.TableSpec.Cardinality;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Reads {@code elasticsearch.fields}: each document field and the table column it comes from. */
final class FieldsSection {

  /** Every document carries the rowkey, so no field may take its name. */
  static final String ROWKEY_FIELD = "rowkey";

  /** Marks a deleted entity's tombstone document (see the indexer's IndexManager). */
  static final String DELETED_FIELD = "widerow_deleted";

  private final ConfigErrors errors;
  private final Map<String, DeclaredTable> tables;

  private FieldsSection(ConfigErrors errors, Map<String, DeclaredTable> tables) {
    this.errors = errors;
    this.tables = tables;
  }

  static Optional<List<FieldSpec>> read(ConfigMap es, Map<String, DeclaredTable> tables) {
    return new FieldsSection(es.errors(), tables).readAll(es);
  }

  private Optional<List<FieldSpec>> readAll(ConfigMap es) {
    int errorsBefore = errors.count();
    List<FieldSpec> fields = new ArrayList<>();
    es.namedMaps(ES_FIELDS)
        .forEach(
            (name, map) -> {
              checkName(map, name);
              Optional<? extends FieldSpec> field =
                  map.has(FIELD_NESTED) ? nestedField(name, map) : valueField(name, map);
              field.ifPresent(fields::add);
            });
    return errors.count() == errorsBefore ? Optional.of(fields) : Optional.empty();
  }

  private Optional<ValueField> valueField(String name, ConfigMap map) {
    map.allowOnly(FIELD_FROM, FIELD_TYPE);
    Optional<FieldType> type = map.choice(FIELD_TYPE, FieldType.class);
    Optional<String[]> from = map.text(FIELD_FROM).flatMap(f -> tableColumn(map, f));
    Optional<DeclaredTable> table = from.flatMap(f -> table(map.pathOf(FIELD_FROM), f[0]));
    boolean kept =
        table.isPresent() && checkKept(map.pathOf(FIELD_FROM), table.get(), from.get()[1]);
    if (type.isEmpty() || !kept) {
      return Optional.empty();
    }
    return Optional.of(new ValueField(name, from.get()[0], from.get()[1], type.get()));
  }

  private Optional<String[]> tableColumn(ConfigMap map, String from) {
    int dot = from.indexOf('.');
    if (dot <= 0 || dot == from.length() - 1) {
      errors.invalid(map.pathOf(FIELD_FROM), ConfigErrors.quote(from), FIELD_FROM.expected());
      return Optional.empty();
    }
    return Optional.of(new String[] {from.substring(0, dot), from.substring(dot + 1)});
  }

  // One nested object per child row: only a table with many rows per entity has them.
  private Optional<NestedField> nestedField(String name, ConfigMap map) {
    map.allowOnly(FIELD_NESTED, NESTED_FIELDS);
    Optional<DeclaredTable> table =
        map.text(FIELD_NESTED)
            .flatMap(t -> table(map.pathOf(FIELD_NESTED), t))
            .filter(t -> checkMany(map.pathOf(FIELD_NESTED), t));
    List<ValueField> fields = new ArrayList<>();
    int errorsBefore = errors.count();
    map.namedMaps(NESTED_FIELDS)
        .forEach(
            (innerName, inner) -> {
              checkName(inner, innerName);
              innerField(innerName, inner, table).ifPresent(fields::add);
            });
    if (table.isEmpty() || errors.count() != errorsBefore) {
      return Optional.empty();
    }
    return Optional.of(new NestedField(name, table.get().name(), fields));
  }

  // Reads the field even when its table is invalid, so its own mistakes are reported too.
  private Optional<ValueField> innerField(
      String name, ConfigMap map, Optional<DeclaredTable> table) {
    map.allowOnlyDefined();
    Optional<FieldType> type = map.choice(NESTED_FIELD_TYPE, FieldType.class);
    Optional<String> column =
        map.text(NESTED_FIELD_FROM)
            .filter(
                c ->
                    table.isPresent()
                        && checkColumn(map.pathOf(NESTED_FIELD_FROM), table.get(), c));
    if (type.isEmpty() || column.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(new ValueField(name, table.get().name(), column.get(), type.get()));
  }

  private boolean checkColumn(String path, DeclaredTable table, String column) {
    String prefix = table.name() + ".";
    if (column.startsWith(prefix)) {
      errors.invalid(
          path,
          ConfigErrors.quote(column),
          "a column of table '"
              + table.name()
              + "' without the table name: '"
              + column.substring(prefix.length())
              + "'");
      return false;
    }
    return checkKept(path, table, column);
  }

  private void checkName(ConfigMap field, String name) {
    if (!Names.FIELD.matcher(name).matches()) {
      errors.invalid(field.path(), ConfigErrors.quote(name), Names.FIELD_EXPECTED);
    } else if (name.equals(ROWKEY_FIELD)) {
      errors.invalid(
          field.path(),
          ConfigErrors.quote(name),
          "another name; every document already has a '" + ROWKEY_FIELD + "' field");
    } else if (name.equals(DELETED_FIELD)) {
      errors.invalid(
          field.path(),
          ConfigErrors.quote(name),
          "another name; '" + DELETED_FIELD + "' marks deleted entities in the index");
    }
  }

  private Optional<DeclaredTable> table(String path, String name) {
    DeclaredTable table = tables.get(name);
    if (table == null) {
      errors.add(
          path,
          "table '"
              + name
              + "' is not declared (tables: "
              + String.join(", ", tables.keySet())
              + ")");
    }
    return Optional.ofNullable(table);
  }

  private boolean checkMany(String path, DeclaredTable table) {
    if (table.cardinality().filter(c -> c == Cardinality.ONE).isPresent()) {
      errors.add(
          path,
          "table '"
              + table.name()
              + "' has cardinality one; expected a table with cardinality many (one nested"
              + " object per child row)");
      return false;
    }
    return true;
  }

  private boolean checkKept(String path, DeclaredTable table, String column) {
    if (!table.keeps(column)) {
      errors.add(path, table.notKept(column));
      return false;
    }
    return true;
  }
}
