package io.widerow.core.pipeline;

import java.util.Optional;

/** Reads a table's {@code version}: {@code {column: NAME}} or {@code {binlog: true}}. */
final class VersionSection {

  private static final String EXPECTED = "{column: NAME} or {binlog: true}";

  private VersionSection() {}

  static Optional<VersionSource> read(ConfigMap table) {
    return table.map("version", EXPECTED).flatMap(VersionSection::readVersion);
  }

  private static Optional<VersionSource> readVersion(ConfigMap version) {
    version.allowOnly("column", "binlog");
    if (version.has("column") == version.has("binlog")) {
      version
          .errors()
          .add(version.path(), "has " + keysOf(version) + "; expected exactly one of " + EXPECTED);
      return Optional.empty();
    }
    if (version.has("column")) {
      return version.text("column", "the version column").map(VersionSource.Column::new);
    }
    Optional<Boolean> binlog = version.bool("binlog", false);
    if (binlog.isPresent() && !binlog.get()) {
      version
          .errors()
          .invalid(version.pathOf("binlog"), "'false'", "true, or {column: NAME} instead");
      return Optional.empty();
    }
    return binlog.map(b -> new VersionSource.BinlogPosition());
  }

  private static String keysOf(ConfigMap version) {
    return version.has("column") ? "both column and binlog" : "neither column nor binlog";
  }
}
