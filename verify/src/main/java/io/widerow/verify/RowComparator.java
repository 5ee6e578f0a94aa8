package io.widerow.verify;

import io.widerow.core.pipeline.Pipeline;
import io.widerow.core.pipeline.VersionSource;
import io.widerow.core.row.RowWrite;
import io.widerow.core.row.SourceRow;
import io.widerow.core.row.WideRow;
import io.widerow.verify.Difference.Kind;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Compares the cells an entity's source rows make with the wide row HBase holds, cell by cell, and
 * says how each difference can be mended without breaking invariant 1: a source row is written
 * again at its own version, a cell the source no longer has is buried under a tombstone one version
 * above it. Pure.
 */
final class RowComparator {

  /** HBase reserves {@code Long.MAX_VALUE}; ingest keeps versions below this too. */
  private static final long MAX_TOMBSTONE_VERSION = Long.MAX_VALUE - 1;

  private final Pipeline pipeline;
  private final String rootTable;

  RowComparator(Pipeline pipeline) {
    this.pipeline = pipeline;
    this.rootTable = pipeline.rootTable().name();
  }

  List<Difference> compare(SourceEntity entity, Map<String, SourceRow> expected, WideRow actual) {
    List<Difference> differences = new ArrayList<>();
    boolean rowMissing = actual.cells().isEmpty();
    if (rowMissing && !expected.isEmpty()) {
      List<RowWrite> writes = new ArrayList<>();
      expected.values().forEach(row -> writes.add(new RowWrite(entity.rowkey(), row)));
      differences.add(
          difference(entity, Kind.MISSING_ROW, "d:*", "cells=" + expected.size(), "", writes));
    }
    for (SourceRow want : expected.values()) {
      SourceRow have = actual.cells().get(want.qualifier());
      if (rowMissing) {
        break;
      }
      if (have == null) {
        String undecodable =
            actual.undecodable().containsKey(want.qualifier()) ? "the cell does not decode" : "";
        differences.add(rewrite(entity, Kind.MISSING_CELL, want, null, undecodable));
      } else if (have.deleted()) {
        differences.add(rewrite(entity, Kind.TOMBSTONED_CELL, want, have, ""));
      } else {
        List<String> columns = Values.differingColumns(want.columns(), have.columns());
        if (!columns.isEmpty()) {
          differences.add(
              rewrite(entity, Kind.STALE_CELL, want, have, "columns " + String.join(",", columns)));
        }
      }
    }
    for (SourceRow have : actual.cells().values()) {
      if (!have.deleted() && !expected.containsKey(have.qualifier())) {
        Kind kind =
            !entity.exists() && have.table().equals(rootTable)
                ? Kind.EXTRA_ENTITY
                : Kind.EXTRA_CELL;
        differences.add(bury(entity, kind, have));
      }
    }
    return differences;
  }

  /** Writing the source row again mends the cell only if its version is not below the cell's. */
  private Difference rewrite(
      SourceEntity entity, Kind kind, SourceRow want, SourceRow have, String detail) {
    String versions = sourceVersion(want) + (have == null ? "" : " hbase=" + have.version());
    if (have != null && want.version() < have.version()) {
      String why =
          isBinlog(want)
              ? "not repairable now: the cell is newer than this read; verify again"
              : "not repairable: the source version is below the cell's; bump the source row's"
                  + " version";
      return difference(
          entity, kind, want.qualifier(), versions, join(detail, why), List.<RowWrite>of());
    }
    return difference(
        entity,
        kind,
        want.qualifier(),
        versions,
        detail,
        List.of(new RowWrite(entity.rowkey(), want)));
  }

  private Difference bury(SourceEntity entity, Kind kind, SourceRow have) {
    String versions = "hbase=" + have.version();
    if (have.version() >= MAX_TOMBSTONE_VERSION) {
      return difference(
          entity, kind, have.qualifier(), versions, "not repairable: no version above", List.of());
    }
    SourceRow tombstone = SourceRow.tombstone(have.table(), have.childKey(), have.version() + 1);
    return difference(
        entity,
        kind,
        have.qualifier(),
        versions,
        "",
        List.of(new RowWrite(entity.rowkey(), tombstone)));
  }

  /** A binlog-position table's source version is the position verify read it at. */
  private String sourceVersion(SourceRow row) {
    return (isBinlog(row) ? "source_read_at=" : "source=") + row.version();
  }

  private boolean isBinlog(SourceRow row) {
    return pipeline.tables().containsKey(row.table())
        && pipeline.table(row.table()).version() instanceof VersionSource.BinlogPosition;
  }

  private static Difference difference(
      SourceEntity entity,
      Kind kind,
      String qualifier,
      String versions,
      String detail,
      List<RowWrite> repairs) {
    String where = qualifier.startsWith("d:") ? qualifier : "d:" + qualifier;
    return new Difference(kind, entity.key(), entity.rowkey(), where, versions, detail, repairs);
  }

  private static String join(String a, String b) {
    return a.isEmpty() ? b : a + "; " + b;
  }
}
