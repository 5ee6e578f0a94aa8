package io.widerow.core.pipeline;

import java.util.List;

/** One field of the search document. */
public sealed interface FieldSpec {

  String name();

  /** The logical table the field's values come from. */
  String table();

  /**
   * A value from one column. From a MANY table it becomes an array of the children's values (nulls
   * left out), in primary-key order.
   */
  record ValueField(String name, String table, String column, FieldType type)
      implements FieldSpec {}

  /** One nested object per child row of a MANY table. */
  record NestedField(String name, String table, List<ValueField> fields) implements FieldSpec {
    public NestedField {
      fields = List.copyOf(fields);
    }
  }
}
