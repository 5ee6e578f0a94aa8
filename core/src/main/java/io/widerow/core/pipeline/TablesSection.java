package io.widerow.core.pipeline;

import static io.widerow.core.pipeline.PipelineKeys.TABLES;
import static io.widerow.core.pipeline.PipelineKeys.TABLE_CARDINALITY;
import static io.widerow.core.pipeline.PipelineKeys.TABLE_COLUMNS;
import static io.widerow.core.pipeline.PipelineKeys.TABLE_KEY;
import static io.widerow.core.pipeline.PipelineKeys.TABLE_PHYSICAL;
import static io.widerow.core.pipeline.PipelineKeys.TABLE_PRIMARY_KEY;
import static io.widerow.core.pipeline.PipelineKeys.TABLE_ROOT;
import static io.widerow.core.pipeline.PipelineKeys.TABLE_VERSION;
import static io.widerow.core.pipeline.PipelineKeys.VERSION_COLUMN;

import io.widerow.core.pipeline.TableSpec.Cardinality;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/** Reads {@code tables}: the logical tables, the columns they keep, and the one root table. */
final class TablesSection {

  /**
   * @param specs the tables, or empty when any of them is invalid
   * @param declared every table the file names, for the checks of the fields that read them
   */
  record Tables(Optional<Map<String, TableSpec>> specs, Map<String, DeclaredTable> declared) {}

  private final ConfigErrors errors;
  private final Map<String, DeclaredTable> declared = new LinkedHashMap<>();
  private final List<String> rootNames = new ArrayList<>();
  private boolean rootUnknown;
  private final Map<String, String> tableByPattern = new HashMap<>();

  private TablesSection(ConfigErrors errors) {
    this.errors = errors;
  }

  static Tables read(ConfigMap file) {
    return new TablesSection(file.errors()).readAll(file);
  }

  private Tables readAll(ConfigMap file) {
    int errorsBefore = errors.count();
    Map<String, TableSpec> specs = new LinkedHashMap<>();
    Map<String, ConfigMap> tables = file.namedMaps(TABLES);
    tables.forEach((name, map) -> readTable(name, map).ifPresent(spec -> specs.put(name, spec)));
    // An invalid 'root' value is reported already; counting roots without it would mislead.
    if (!tables.isEmpty() && !rootUnknown) {
      checkOneRoot(file.pathOf(TABLES));
    }
    boolean valid = errors.count() == errorsBefore;
    return new Tables(valid ? Optional.of(specs) : Optional.empty(), declared);
  }

  private Optional<TableSpec> readTable(String name, ConfigMap map) {
    map.allowOnlyDefined();
    boolean validName = Names.TABLE.matcher(name).matches();
    if (!validName) {
      errors.invalid(map.path(), ConfigErrors.quote(name), Names.TABLE_EXPECTED);
    }
    Optional<Pattern> physical = physical(map);
    Optional<String> key = map.text(TABLE_KEY);
    Optional<List<String>> primaryKey = map.texts(TABLE_PRIMARY_KEY);
    Optional<Cardinality> cardinality = map.choice(TABLE_CARDINALITY, Cardinality.class);
    Optional<Boolean> root = map.bool(TABLE_ROOT);
    Optional<VersionSource> version = VersionSection.read(map);
    Optional<List<String>> columns = map.texts(TABLE_COLUMNS);

    DeclaredTable table = new DeclaredTable(name, cardinality, columns.orElse(List.of()));
    declared.put(name, table);
    root.filter(Boolean::booleanValue).ifPresent(r -> rootNames.add(name));
    rootUnknown |= root.isEmpty();
    key.ifPresent(column -> checkKept(table, map.pathOf(TABLE_KEY), column));
    primaryKey.ifPresent(pk -> checkKept(table, map.pathOf(TABLE_PRIMARY_KEY), pk));
    version
        .filter(VersionSource.Column.class::isInstance)
        .map(v -> ((VersionSource.Column) v).column())
        .ifPresent(
            column ->
                checkKept(
                    table, Paths.key(map.pathOf(TABLE_VERSION), VERSION_COLUMN.name()), column));

    if (!validName
        || physical.isEmpty()
        || key.isEmpty()
        || primaryKey.isEmpty()
        || cardinality.isEmpty()
        || root.isEmpty()
        || version.isEmpty()
        || columns.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(
        new TableSpec(
            name,
            physical.get(),
            key.get(),
            primaryKey.get(),
            cardinality.get(),
            root.get(),
            version.get(),
            new LinkedHashSet<>(columns.get())));
  }

  private Optional<Pattern> physical(ConfigMap map) {
    String path = map.pathOf(TABLE_PHYSICAL);
    String expected = TABLE_PHYSICAL.expected();
    return map.text(TABLE_PHYSICAL)
        .flatMap(
            regex -> {
              try {
                Pattern pattern = Pattern.compile(regex);
                checkPatternUnique(path, regex);
                return Optional.of(pattern);
              } catch (PatternSyntaxException e) {
                errors.invalid(
                    path, ConfigErrors.quote(regex), expected + " (" + e.getDescription() + ")");
                return Optional.empty();
              }
            });
  }

  // The same physical pattern twice sends each row to whichever table is found first.
  private void checkPatternUnique(String path, String regex) {
    String first = tableByPattern.putIfAbsent(regex, path);
    if (first != null) {
      errors.add(
          path,
          ConfigErrors.quote(regex)
              + " is already the pattern of "
              + first
              + "; expected each physical table to feed one logical table");
    }
  }

  private void checkKept(DeclaredTable table, String path, String column) {
    if (!table.keeps(column)) {
      errors.add(path, table.notKept(column));
    }
  }

  private void checkKept(DeclaredTable table, String path, List<String> columns) {
    for (int i = 0; i < columns.size(); i++) {
      checkKept(table, Paths.index(path, i), columns.get(i));
    }
  }

  // The root row decides whether the entity exists, so there is exactly one, and one per entity.
  private void checkOneRoot(String path) {
    if (rootNames.isEmpty()) {
      errors.add(path, "no table has 'root: true'; expected exactly one root table");
    } else if (rootNames.size() > 1) {
      errors.add(
          path,
          "tables "
              + String.join(", ", rootNames)
              + " all have 'root: true'; expected exactly one root table");
    } else {
      DeclaredTable root = declared.get(rootNames.get(0));
      if (root.cardinality().filter(c -> c == Cardinality.MANY).isPresent()) {
        errors.add(
            Paths.key(Paths.key(path, root.name()), "cardinality"),
            "'many' is not valid for the root table; expected one");
      }
    }
  }
}
