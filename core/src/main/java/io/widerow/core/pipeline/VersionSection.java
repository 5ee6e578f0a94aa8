package io.widerow.core.pipeline;

import static io.widerow.core.pipeline.PipelineKeys.TABLE_VERSION;
import static io.widerow.core.pipeline.PipelineKeys.VERSION_BINLOG;
import static io.widerow.core.pipeline.PipelineKeys.VERSION_COLUMN;

import java.util.Optional;

/** Reads a table's {@code version}: {@code {column: NAME}} or {@code {binlog: true}}. */
final class VersionSection {

  private static final String EXPECTED = TABLE_VERSION.expected();

  private VersionSection() {}

  static Optional<VersionSource> read(ConfigMap table) {
    return table.map(TABLE_VERSION).flatMap(VersionSection::readVersion);
  }

  private static Optional<VersionSource> readVersion(ConfigMap version) {
    version.allowOnlyDefined();
    if (version.has(VERSION_COLUMN) == version.has(VERSION_BINLOG)) {
      version
          .errors()
          .add(version.path(), "has " + keysOf(version) + "; expected exactly one of " + EXPECTED);
      return Optional.empty();
    }
    if (version.has(VERSION_COLUMN)) {
      return version.text(VERSION_COLUMN).map(VersionSource.Column::new);
    }
    Optional<Boolean> binlog = version.bool(VERSION_BINLOG);
    if (binlog.isPresent() && !binlog.get()) {
      version
          .errors()
          .invalid(version.pathOf(VERSION_BINLOG), "'false'", "true, or {column: NAME} instead");
      return Optional.empty();
    }
    return binlog.map(b -> new VersionSource.BinlogPosition());
  }

  private static String keysOf(ConfigMap version) {
    return version.has(VERSION_COLUMN) ? "both column and binlog" : "neither column nor binlog";
  }
}
