package io.widerow.core.pipeline;

import static io.widerow.core.pipeline.PipelineKeys.FIELD_BY;
import static io.widerow.core.pipeline.PipelineKeys.FIELD_COUNT;
import static io.widerow.core.pipeline.PipelineKeys.FIELD_EMPTY;
import static io.widerow.core.pipeline.PipelineKeys.FIELD_FIRST;
import static io.widerow.core.pipeline.PipelineKeys.FIELD_LAST;
import static io.widerow.core.pipeline.PipelineKeys.FIELD_MAX;
import static io.widerow.core.pipeline.PipelineKeys.FIELD_MIN;
import static io.widerow.core.pipeline.PipelineKeys.FIELD_OPTIONS;
import static io.widerow.core.pipeline.PipelineKeys.FIELD_SUM;
import static io.widerow.core.pipeline.PipelineKeys.FIELD_TIMES;
import static io.widerow.core.pipeline.PipelineKeys.FIELD_TYPE;
import static io.widerow.core.pipeline.PipelineKeys.FIELD_WHERE;

import io.widerow.core.pipeline.Derivation.Aggregate;
import io.widerow.core.pipeline.FieldSpec.DerivedField;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Reads a derived field: {@code count}, {@code sum}, {@code min}, {@code max}, {@code first} or
 * {@code last} over a table's rows, with {@code times}, {@code by}, {@code where} and {@code empty}
 * where they apply.
 */
final class DerivedFieldSection {

  private static final Map<Aggregate, ConfigKey> KEYS = new LinkedHashMap<>();

  static {
    KEYS.put(Aggregate.COUNT, FIELD_COUNT);
    KEYS.put(Aggregate.SUM, FIELD_SUM);
    KEYS.put(Aggregate.MIN, FIELD_MIN);
    KEYS.put(Aggregate.MAX, FIELD_MAX);
    KEYS.put(Aggregate.FIRST, FIELD_FIRST);
    KEYS.put(Aggregate.LAST, FIELD_LAST);
  }

  private static final Set<FieldType> ORDERED =
      EnumSet.of(
          FieldType.LONG,
          FieldType.INTEGER,
          FieldType.DOUBLE,
          FieldType.SCALED_FLOAT,
          FieldType.DATE,
          FieldType.KEYWORD);

  private final FieldsSection fields;
  private final FieldOptionsSection options;
  private final ConfigErrors errors;

  DerivedFieldSection(FieldsSection fields, FieldOptionsSection options) {
    this.fields = fields;
    this.options = options;
    this.errors = fields.errors();
  }

  static boolean isDerived(ConfigMap map) {
    return KEYS.values().stream().anyMatch(map::has);
  }

  Optional<DerivedField> read(String name, ConfigMap map) {
    List<Aggregate> set = KEYS.keySet().stream().filter(a -> map.has(KEYS.get(a))).toList();
    Aggregate aggregate = set.get(0);
    ConfigKey key = KEYS.get(aggregate);
    // Every aggregate key is allowed here, so that two of them are one error that names both.
    List<ConfigKey> allowed = new ArrayList<>(KEYS.values());
    allowed.addAll(List.of(FIELD_TYPE, FIELD_TIMES, FIELD_BY, FIELD_WHERE, FIELD_EMPTY));
    allowed.addAll(FIELD_OPTIONS.all());
    map.allowOnly(allowed.toArray(ConfigKey[]::new));
    if (set.size() > 1) {
      errors.add(
          map.path(),
          "sets "
              + set.stream().map(a -> KEYS.get(a).name()).collect(Collectors.joining(" and "))
              + "; expected one of: "
              + KEYS.values().stream().map(ConfigKey::name).collect(Collectors.joining(", ")));
    }
    int errorsBefore = errors.count();
    Optional<FieldType> type = type(map, aggregate);
    Optional<String> text = map.text(key);
    Optional<String[]> source =
        text.flatMap(
            t ->
                aggregate == Aggregate.COUNT && t.indexOf('.') < 0
                    ? Optional.of(new String[] {t, null})
                    : fields.tableColumn(map, key, t));
    Optional<DeclaredTable> table = source.flatMap(s -> fields.table(map.pathOf(key), s[0]));
    Optional<String> column = Optional.empty();
    if (table.isPresent() && source.get()[1] != null) {
      fields.checkKept(map.pathOf(key), table.get(), source.get()[1]);
      column = Optional.of(source.get()[1]);
    }
    Optional<String> times = column(map, FIELD_TIMES, table, aggregate == Aggregate.SUM, "a sum");
    boolean ordered = aggregate == Aggregate.FIRST || aggregate == Aggregate.LAST;
    Optional<String> by = column(map, FIELD_BY, table, ordered, "first and last");
    if (ordered && !map.has(FIELD_BY)) {
      errors.missing(map.pathOf(FIELD_BY), FIELD_BY.expected());
    }
    Map<String, List<String>> where = where(map, table);
    boolean emptyIsZero = emptyIsZero(map, aggregate);
    Optional<MappingOptions> mapping = options.read(map, FIELD_OPTIONS, type);
    if (errors.count() != errorsBefore || type.isEmpty() || table.isEmpty()) {
      return Optional.empty();
    }
    Derivation derivation = new Derivation(aggregate, column, times, by, where, emptyIsZero);
    return Optional.of(
        new DerivedField(name, table.get().name(), derivation, type.get(), mapping.get()));
  }

  private Optional<FieldType> type(ConfigMap map, Aggregate aggregate) {
    Set<FieldType> allowed =
        switch (aggregate) {
          case COUNT -> EnumSet.of(FieldType.LONG, FieldType.INTEGER);
          case SUM -> FieldType.NUMBERS;
          case MIN, MAX -> ORDERED;
          case FIRST, LAST ->
              EnumSet.complementOf(EnumSet.of(FieldType.OBJECT, FieldType.FLATTENED));
        };
    return map.choice(FIELD_TYPE, FieldType.class)
        .filter(
            t -> {
              if (allowed.contains(t)) {
                return true;
              }
              errors.invalid(
                  map.pathOf(FIELD_TYPE),
                  ConfigErrors.quote(t.mappingType()),
                  "one of: "
                      + EnumSet.copyOf(allowed).stream()
                          .map(FieldType::mappingType)
                          .collect(Collectors.joining(", "))
                      + " (for a "
                      + aggregate.name().toLowerCase(java.util.Locale.ROOT)
                      + ")");
              return false;
            });
  }

  /** A column of the field's table under {@code key}, which only some aggregates take. */
  private Optional<String> column(
      ConfigMap map, ConfigKey key, Optional<DeclaredTable> table, boolean applies, String only) {
    if (!map.has(key)) {
      return Optional.empty();
    }
    Optional<String> column = map.text(key);
    if (column.isPresent() && !applies) {
      errors.invalid(
          map.pathOf(key),
          ConfigErrors.quote(column.get()),
          "no " + key.name() + " here: it applies to " + only + " only");
      return Optional.empty();
    }
    if (column.isPresent() && table.isPresent()) {
      fields.checkColumn(map.pathOf(key), table.get(), column.get());
    }
    return column;
  }

  private Map<String, List<String>> where(ConfigMap map, Optional<DeclaredTable> table) {
    Map<String, List<String>> where = map.namedValues(FIELD_WHERE).orElse(Map.of());
    if (table.isPresent()) {
      where
          .keySet()
          .forEach(c -> fields.checkColumn(Paths.key(map.pathOf(FIELD_WHERE), c), table.get(), c));
    }
    return where;
  }

  private boolean emptyIsZero(ConfigMap map, Aggregate aggregate) {
    if (!map.has(FIELD_EMPTY)) {
      return false;
    }
    Optional<Derivation.Empty> empty = map.choice(FIELD_EMPTY, Derivation.Empty.class);
    if (empty.isPresent() && aggregate != Aggregate.SUM) {
      errors.invalid(
          map.pathOf(FIELD_EMPTY),
          ConfigErrors.quote(OneOfName.of(empty.get())),
          "no empty here: it applies to a sum only (a count of nothing is 0, a min of nothing"
              + " has no value)");
    }
    return empty.filter(e -> e == Derivation.Empty.ZERO).isPresent();
  }

  private static final class OneOfName {
    static String of(Enum<?> constant) {
      return ConfigKey.Validator.OneOf.lowercase(constant);
    }
  }
}
