package io.widerow.core.pipeline;

import io.widerow.core.pipeline.MappingOptions.SubField;
import io.widerow.core.pipeline.PipelineKeys.OptionKeys;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads a field's mapping options ({@code scalingFactor}, {@code subfields}, {@code index}, ...)
 * and checks that each fits the field's type and names analyzers the index has.
 */
final class FieldOptionsSection {

  private final ConfigErrors errors;
  private final Analysis analysis;

  FieldOptionsSection(ConfigErrors errors, Analysis analysis) {
    this.errors = errors;
    this.analysis = analysis;
  }

  /**
   * @param type the field's type; empty when it is invalid, which leaves out the checks by type
   */
  Optional<MappingOptions> read(ConfigMap map, OptionKeys keys, Optional<FieldType> type) {
    int errorsBefore = errors.count();
    Optional<Integer> scalingFactor = scalingFactor(map, keys, type);
    Map<String, SubField> subfields = subfields(map, keys, type);
    Optional<Boolean> index = map.bool(keys.index());
    Optional<Boolean> docValues = map.bool(keys.docValues());
    if (docValues.isPresent() && !docValues.get()) {
      onlyFor(
          map,
          keys.docValues(),
          "false",
          type,
          t -> !t.isAnalyzed() && !t.isJson(),
          "a type" + " with doc values (not text, object or flattened)");
    }
    Optional<String> nullValue = nullValue(map, keys, type);
    Optional<List<String>> copyTo = map.texts(keys.copyTo());
    Optional<String> format = format(map, keys, type);
    Optional<String> analyzer = analyzer(map, keys.analyzer(), type);
    Optional<String> normalizer = normalizer(map, keys.normalizer(), type);
    if (errors.count() != errorsBefore || index.isEmpty() || docValues.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(
        new MappingOptions(
            scalingFactor,
            subfields,
            index.get(),
            docValues.get(),
            nullValue,
            copyTo.orElse(List.of()),
            format,
            analyzer,
            normalizer));
  }

  private Optional<Integer> scalingFactor(
      ConfigMap map, OptionKeys keys, Optional<FieldType> type) {
    boolean scaled = type.filter(t -> t == FieldType.SCALED_FLOAT).isPresent();
    if (!map.has(keys.scalingFactor())) {
      if (scaled) {
        errors.missing(map.pathOf(keys.scalingFactor()), "an integer in 1..1000000000");
      }
      return Optional.empty();
    }
    Optional<Integer> factor = map.integer(keys.scalingFactor());
    if (factor.isPresent() && type.isPresent() && !scaled) {
      errors.invalid(
          map.pathOf(keys.scalingFactor()),
          ConfigErrors.quote(String.valueOf(factor.get())),
          "no scalingFactor: it applies to type scaled_float only, not "
              + type.get().mappingType());
    }
    return factor;
  }

  private Map<String, SubField> subfields(
      ConfigMap map, OptionKeys keys, Optional<FieldType> type) {
    Map<String, SubField> subfields = new LinkedHashMap<>();
    if (!map.has(keys.subfields())) {
      return subfields;
    }
    if (type.isPresent() && type.get() != FieldType.TEXT && type.get() != FieldType.KEYWORD) {
      errors.add(
          map.pathOf(keys.subfields()),
          "a field of type "
              + type.get().mappingType()
              + " has no sub-fields; expected them only on a text or keyword field");
    }
    map.namedMaps(keys.subfields())
        .forEach(
            (name, sub) -> {
              sub.allowOnlyDefined();
              if (!Names.FIELD.matcher(name).matches()) {
                errors.invalid(sub.path(), ConfigErrors.quote(name), Names.FIELD_EXPECTED);
              }
              Optional<FieldType> subType =
                  sub.text(keys.subfieldType())
                      .flatMap(
                          t -> {
                            if (t.equals("keyword") || t.equals("text")) {
                              return Optional.of(
                                  t.equals("text") ? FieldType.TEXT : FieldType.KEYWORD);
                            }
                            errors.invalid(
                                sub.pathOf(keys.subfieldType()),
                                ConfigErrors.quote(t),
                                keys.subfieldType().expected());
                            return Optional.empty();
                          });
              Optional<String> analyzer = analyzer(sub, keys.subfieldAnalyzer(), subType);
              Optional<String> normalizer = normalizer(sub, keys.subfieldNormalizer(), subType);
              subType.ifPresent(t -> subfields.put(name, new SubField(t, analyzer, normalizer)));
            });
    return subfields;
  }

  private Optional<String> nullValue(ConfigMap map, OptionKeys keys, Optional<FieldType> type) {
    if (!map.has(keys.nullValue())) {
      return Optional.empty();
    }
    Optional<String> value = map.text(keys.nullValue());
    if (value.isEmpty() || type.isEmpty()) {
      return value;
    }
    FieldType t = type.get();
    if (t.isAnalyzed() || t.isJson()) {
      errors.invalid(
          map.pathOf(keys.nullValue()),
          ConfigErrors.quote(value.get()),
          "no nullValue: a " + t.mappingType() + " field has none");
    } else if (!TypedText.fits(t, value.get())) {
      errors.invalid(
          map.pathOf(keys.nullValue()),
          ConfigErrors.quote(value.get()),
          TypedText.expected(t) + " (the field's type is " + t.mappingType() + ")");
    }
    return value;
  }

  private Optional<String> format(ConfigMap map, OptionKeys keys, Optional<FieldType> type) {
    if (!map.has(keys.format())) {
      return Optional.empty();
    }
    Optional<String> format = map.text(keys.format());
    if (format.isEmpty()) {
      return format;
    }
    if (!onlyFor(map, keys.format(), format.get(), type, t -> t == FieldType.DATE, "type date")) {
      return Optional.empty();
    }
    if (!TypedText.isDateFormat(format.get())) {
      errors.invalid(
          map.pathOf(keys.format()), ConfigErrors.quote(format.get()), keys.format().expected());
      return Optional.empty();
    }
    return format;
  }

  private Optional<String> analyzer(ConfigMap map, ConfigKey key, Optional<FieldType> type) {
    if (!map.has(key)) {
      return Optional.empty();
    }
    Optional<String> name = map.text(key);
    if (name.isEmpty()
        || !onlyFor(map, key, name.get(), type, t -> t == FieldType.TEXT, "type text")) {
      return Optional.empty();
    }
    if (!Analysis.BUILT_IN_ANALYZERS.contains(name.get())
        && !analysis.analyzers().containsKey(name.get())) {
      errors.invalid(
          map.pathOf(key),
          ConfigErrors.quote(name.get()),
          key.expected() + " (" + String.join(", ", analysis.analyzers().keySet()) + ")");
      return Optional.empty();
    }
    return name;
  }

  private Optional<String> normalizer(ConfigMap map, ConfigKey key, Optional<FieldType> type) {
    if (!map.has(key)) {
      return Optional.empty();
    }
    Optional<String> name = map.text(key);
    if (name.isEmpty()
        || !onlyFor(map, key, name.get(), type, t -> t == FieldType.KEYWORD, "type keyword")) {
      return Optional.empty();
    }
    if (!Analysis.BUILT_IN_NORMALIZERS.contains(name.get())
        && !analysis.normalizers().containsKey(name.get())) {
      errors.invalid(
          map.pathOf(key),
          ConfigErrors.quote(name.get()),
          key.expected() + " (" + String.join(", ", analysis.normalizers().keySet()) + ")");
      return Optional.empty();
    }
    return name;
  }

  /** Reports an option set on a type it does not apply to; true when it applies. */
  private boolean onlyFor(
      ConfigMap map,
      ConfigKey key,
      String value,
      Optional<FieldType> type,
      java.util.function.Predicate<FieldType> applies,
      String appliesTo) {
    if (type.isEmpty() || applies.test(type.get())) {
      return true;
    }
    errors.invalid(
        map.pathOf(key),
        ConfigErrors.quote(value),
        "no "
            + key.name()
            + " on a "
            + type.get().mappingType()
            + " field; it applies to "
            + appliesTo);
    return false;
  }
}
