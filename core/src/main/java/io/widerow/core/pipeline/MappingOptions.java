package io.widerow.core.pipeline;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * How a field is mapped beyond its type, as the pipeline file says: each option is passed to the
 * index mapping as Elasticsearch names it.
 *
 * @param scalingFactor {@code scaling_factor} of a {@code scaled_float}
 * @param subfields multi-fields by name, as in a {@code text} field with a {@code keyword}
 *     sub-field
 * @param index false: the field is kept in {@code _source} (and doc values) but not searchable
 * @param docValues false: the field cannot be sorted on or aggregated, and takes less disk
 * @param nullValue what a null is indexed as, already checked against the type (text as written)
 * @param copyTo fields the value is also indexed into, as in a catch-all search field
 * @param format date formats queries may use; {@code epoch_millis} is always added to it
 * @param analyzer a built-in analyzer or one of {@code elasticsearch.analysis.analyzers}
 * @param normalizer {@code lowercase} or one of {@code elasticsearch.analysis.normalizers}
 */
public record MappingOptions(
    Optional<Integer> scalingFactor,
    Map<String, SubField> subfields,
    boolean index,
    boolean docValues,
    Optional<String> nullValue,
    List<String> copyTo,
    Optional<String> format,
    Optional<String> analyzer,
    Optional<String> normalizer) {

  /** A field with none of the options: Elasticsearch's defaults. */
  public static final MappingOptions NONE =
      new MappingOptions(
          Optional.empty(),
          Map.of(),
          true,
          true,
          Optional.empty(),
          List.of(),
          Optional.empty(),
          Optional.empty(),
          Optional.empty());

  public MappingOptions {
    subfields = Collections.unmodifiableMap(new LinkedHashMap<>(subfields));
    copyTo = List.copyOf(copyTo);
  }

  /** Whether the field can be sorted on and aggregated (it has doc values). */
  public boolean sortable(FieldType type) {
    return docValues && !type.isAnalyzed() && type != FieldType.OBJECT;
  }

  /** One multi-field: the same value indexed once more under {@code <field>.<name>}. */
  public record SubField(FieldType type, Optional<String> analyzer, Optional<String> normalizer) {}
}
