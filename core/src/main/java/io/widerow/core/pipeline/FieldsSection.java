package io.widerow.core.pipeline;

import static io.widerow.core.pipeline.PipelineKeys.ES_FIELDS;
import static io.widerow.core.pipeline.PipelineKeys.FIELD_DEFAULT;
import static io.widerow.core.pipeline.PipelineKeys.FIELD_FROM;
import static io.widerow.core.pipeline.PipelineKeys.FIELD_NESTED;
import static io.widerow.core.pipeline.PipelineKeys.FIELD_OPTIONS;
import static io.widerow.core.pipeline.PipelineKeys.FIELD_TYPE;
import static io.widerow.core.pipeline.PipelineKeys.NESTED_FIELDS;
import static io.widerow.core.pipeline.PipelineKeys.NESTED_FIELD_FROM;
import static io.widerow.core.pipeline.PipelineKeys.NESTED_FIELD_OPTIONS;
import static io.widerow.core.pipeline.PipelineKeys.NESTED_FIELD_TYPE;

import io.widerow.core.pipeline.FieldSpec.CopyField;
import io.widerow.core.pipeline.FieldSpec.NestedField;
import io.widerow.core.pipeline.FieldSpec.ValueField;
import io.widerow.core.pipeline.TableSpec.Cardinality;
import java.util.ArrayList;
import java.util.LinkedHashMap;
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
  private final FieldOptionsSection options;
  private final DerivedFieldSection derived;

  private FieldsSection(ConfigErrors errors, Map<String, DeclaredTable> tables, Analysis analysis) {
    this.errors = errors;
    this.tables = tables;
    this.options = new FieldOptionsSection(errors, analysis);
    this.derived = new DerivedFieldSection(this, options);
  }

  static Optional<List<FieldSpec>> read(
      ConfigMap es, Map<String, DeclaredTable> tables, Analysis analysis) {
    return new FieldsSection(es.errors(), tables, analysis).readAll(es);
  }

  ConfigErrors errors() {
    return errors;
  }

  private Optional<List<FieldSpec>> readAll(ConfigMap es) {
    int errorsBefore = errors.count();
    List<FieldSpec> fields = new ArrayList<>();
    Map<String, ConfigMap> maps = es.namedMaps(ES_FIELDS);
    maps.forEach(
        (name, map) -> {
          checkName(map, name);
          Optional<? extends FieldSpec> field;
          if (map.has(FIELD_NESTED)) {
            field = nestedField(name, map);
          } else if (DerivedFieldSection.isDerived(map)) {
            field = derived.read(name, map);
          } else if (!map.has(FIELD_FROM) && map.has(FIELD_TYPE)) {
            field = copyField(name, map);
          } else {
            field = valueField(name, map);
          }
          field.ifPresent(fields::add);
        });
    checkCopyTo(fields, maps);
    return errors.count() == errorsBefore ? Optional.of(fields) : Optional.empty();
  }

  private Optional<ValueField> valueField(String name, ConfigMap map) {
    List<ConfigKey> allowed = new ArrayList<>(List.of(FIELD_FROM, FIELD_TYPE, FIELD_DEFAULT));
    allowed.addAll(FIELD_OPTIONS.all());
    map.allowOnly(allowed.toArray(ConfigKey[]::new));
    Optional<FieldType> type = map.choice(FIELD_TYPE, FieldType.class);
    Optional<String[]> from = map.text(FIELD_FROM).flatMap(f -> tableColumn(map, FIELD_FROM, f));
    Optional<DeclaredTable> table = from.flatMap(f -> table(map.pathOf(FIELD_FROM), f[0]));
    boolean kept =
        table.isPresent() && checkKept(map.pathOf(FIELD_FROM), table.get(), from.get()[1]);
    Optional<String> whenAbsent = whenAbsent(map, table, type);
    Optional<MappingOptions> mapping = options.read(map, FIELD_OPTIONS, type);
    if (type.isEmpty() || !kept || mapping.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(
        new ValueField(name, from.get()[0], from.get()[1], type.get(), whenAbsent, mapping.get()));
  }

  // A default stands in for the row a ONE table may lack; a MANY table's absent rows are [].
  private Optional<String> whenAbsent(
      ConfigMap map, Optional<DeclaredTable> table, Optional<FieldType> type) {
    if (!map.has(FIELD_DEFAULT)) {
      return Optional.empty();
    }
    Optional<String> value = map.text(FIELD_DEFAULT);
    if (value.isEmpty()) {
      return value;
    }
    String at = map.pathOf(FIELD_DEFAULT);
    if (table.isPresent() && table.get().cardinality().orElse(null) == Cardinality.MANY) {
      errors.invalid(
          at,
          ConfigErrors.quote(value.get()),
          "no default: it applies to a field from a table of cardinality one, and '"
              + table.get().name()
              + "' has many");
    } else if (type.isPresent() && !TypedText.fits(type.get(), value.get())) {
      errors.invalid(
          at,
          ConfigErrors.quote(value.get()),
          TypedText.expected(type.get())
              + " (the field's type is "
              + type.get().mappingType()
              + ")");
    }
    return value;
  }

  // A catch-all: filled by other fields' copyTo, it has no value of its own.
  private Optional<CopyField> copyField(String name, ConfigMap map) {
    List<ConfigKey> allowed = new ArrayList<>(List.of(FIELD_FROM, FIELD_TYPE));
    allowed.addAll(FIELD_OPTIONS.all());
    map.allowOnly(allowed.toArray(ConfigKey[]::new));
    Optional<FieldType> type = map.choice(FIELD_TYPE, FieldType.class);
    if (type.isPresent() && type.get() != FieldType.TEXT && type.get() != FieldType.KEYWORD) {
      errors.missing(
          map.pathOf(FIELD_FROM),
          FIELD_FROM.expected()
              + " (a field without one is a copyTo target, of type text or keyword)");
      return Optional.empty();
    }
    Optional<MappingOptions> mapping = options.read(map, FIELD_OPTIONS, type);
    if (type.isEmpty() || mapping.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(new CopyField(name, type.get(), mapping.get()));
  }

  /** Every copyTo names a text or keyword field of the document; every copy field is named. */
  private void checkCopyTo(List<FieldSpec> fields, Map<String, ConfigMap> maps) {
    Map<String, FieldSpec> byName = new LinkedHashMap<>();
    fields.forEach(f -> byName.put(f.name(), f));
    List<String> targets = new ArrayList<>();
    for (FieldSpec field : fields) {
      List<ValueField> sources = field instanceof NestedField nested ? nested.fields() : List.of();
      checkTargets(maps.get(field.name()).pathOf(FIELD_OPTIONS.copyTo()), field, byName, targets);
      for (ValueField inner : sources) {
        String at =
            Paths.key(
                Paths.key(maps.get(field.name()).pathOf(NESTED_FIELDS), inner.name()),
                NESTED_FIELD_OPTIONS.copyTo().name());
        checkTargets(at, inner, byName, targets);
      }
    }
    for (FieldSpec field : fields) {
      if (field instanceof CopyField && !targets.contains(field.name())) {
        errors.missing(
            maps.get(field.name()).pathOf(FIELD_FROM),
            FIELD_FROM.expected()
                + " (or name this field in another field's copyTo: no field copies to it)");
      }
    }
  }

  private void checkTargets(
      String at, FieldSpec field, Map<String, FieldSpec> byName, List<String> targets) {
    List<String> copyTo = field.options().copyTo();
    for (int i = 0; i < copyTo.size(); i++) {
      String target = copyTo.get(i);
      FieldSpec to = byName.get(target);
      boolean textual =
          to != null && (to.type() == FieldType.TEXT || to.type() == FieldType.KEYWORD);
      if (to == field || !textual) {
        errors.invalid(
            Paths.index(at, i),
            ConfigErrors.quote(target),
            "another document field of type text or keyword (" + textFields(byName) + ")");
      } else {
        targets.add(target);
      }
    }
  }

  private static String textFields(Map<String, FieldSpec> byName) {
    return String.join(
        ", ",
        byName.values().stream()
            .filter(f -> f.type() == FieldType.TEXT || f.type() == FieldType.KEYWORD)
            .map(FieldSpec::name)
            .toList());
  }

  Optional<String[]> tableColumn(ConfigMap map, ConfigKey key, String from) {
    int dot = from.indexOf('.');
    if (dot <= 0 || dot == from.length() - 1) {
      errors.invalid(map.pathOf(key), ConfigErrors.quote(from), key.expected());
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
    Optional<MappingOptions> mapping = options.read(map, NESTED_FIELD_OPTIONS, type);
    if (type.isEmpty() || column.isEmpty() || mapping.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(
        new ValueField(
            name, table.get().name(), column.get(), type.get(), Optional.empty(), mapping.get()));
  }

  boolean checkColumn(String path, DeclaredTable table, String column) {
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

  Optional<DeclaredTable> table(String path, String name) {
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

  boolean checkKept(String path, DeclaredTable table, String column) {
    if (!table.keeps(column)) {
      errors.add(path, table.notKept(column));
      return false;
    }
    return true;
  }
}
