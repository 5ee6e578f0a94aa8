package io.widerow.core.pipeline;

import java.util.List;
import java.util.Optional;

/** One field of the search document. */
public sealed interface FieldSpec {

  String name();

  /** The field's Elasticsearch type; {@code null} for a nested field, whose type is nested. */
  FieldType type();

  MappingOptions options();

  /**
   * A value from one column. From a MANY table it becomes an array of the children's values (nulls
   * left out), in primary-key order.
   *
   * @param whenAbsent the value (as written, checked against the type) when a ONE table has no row
   */
  record ValueField(
      String name,
      String table,
      String column,
      FieldType type,
      Optional<String> whenAbsent,
      MappingOptions options)
      implements FieldSpec {

    public ValueField(String name, String table, String column, FieldType type) {
      this(name, table, column, type, Optional.empty(), MappingOptions.NONE);
    }
  }

  /** One nested object per child row of a MANY table. */
  record NestedField(String name, String table, List<ValueField> fields) implements FieldSpec {
    public NestedField {
      fields = List.copyOf(fields);
    }

    @Override
    public FieldType type() {
      return null;
    }

    @Override
    public MappingOptions options() {
      return MappingOptions.NONE;
    }
  }

  /** A value computed from all of a table's rows: see {@link Derivation}. */
  record DerivedField(
      String name, String table, Derivation derivation, FieldType type, MappingOptions options)
      implements FieldSpec {}

  /**
   * A field with no value of its own, filled by other fields' {@code copyTo}: a catch-all search
   * field. It is in the mapping and never in a document's {@code _source}.
   */
  record CopyField(String name, FieldType type, MappingOptions options) implements FieldSpec {}
}
