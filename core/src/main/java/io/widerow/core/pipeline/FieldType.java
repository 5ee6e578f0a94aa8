package io.widerow.core.pipeline;

import java.util.Set;

/**
 * Elasticsearch field types the pipeline file may name. All but {@code scaled_float} exist in the
 * minimal distribution the local stack runs; {@code scaled_float} needs the mapper-extras module of
 * the default distribution.
 */
public enum FieldType {
  KEYWORD("keyword"),
  TEXT("text"),
  LONG("long"),
  INTEGER("integer"),
  DOUBLE("double"),
  SCALED_FLOAT("scaled_float"),
  DATE("date"),
  BOOLEAN("boolean"),
  OBJECT("object"),
  FLATTENED("flattened");

  /** Types whose values are numbers, which a sum or a count can take. */
  public static final Set<FieldType> NUMBERS = Set.of(LONG, INTEGER, DOUBLE, SCALED_FLOAT);

  private final String mappingType;

  FieldType(String mappingType) {
    this.mappingType = mappingType;
  }

  /** The type name in an Elasticsearch mapping. */
  public String mappingType() {
    return mappingType;
  }

  /** Whether a value is a JSON object taken from a column (object or flattened). */
  public boolean isJson() {
    return this == OBJECT || this == FLATTENED;
  }

  /** Whether the value is analyzed text, which cannot be sorted on nor aggregated. */
  public boolean isAnalyzed() {
    return this == TEXT;
  }
}
