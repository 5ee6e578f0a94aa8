package io.widerow.core.pipeline;

/** Elasticsearch field types the pipeline file may name; all exist in the minimal distribution. */
public enum FieldType {
  KEYWORD("keyword"),
  TEXT("text"),
  LONG("long"),
  INTEGER("integer"),
  DOUBLE("double"),
  DATE("date"),
  BOOLEAN("boolean");

  private final String mappingType;

  FieldType(String mappingType) {
    this.mappingType = mappingType;
  }

  /** The type name in an Elasticsearch mapping. */
  public String mappingType() {
    return mappingType;
  }
}
