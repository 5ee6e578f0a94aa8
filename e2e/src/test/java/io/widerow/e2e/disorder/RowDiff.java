package io.widerow.e2e.disorder;

import com.fasterxml.jackson.databind.JsonNode;
import io.widerow.core.row.SourceRow;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Readable differences between what an entity should be and what the wide table and the index hold:
 * one line per cell or field, naming table, child and version, so a failure says which change won
 * that should not have.
 */
public final class RowDiff {

  private RowDiff() {}

  /** Differences between expected and stored cells, by qualifier. */
  public static List<String> cells(Map<String, SourceRow> expected, Map<String, SourceRow> actual) {
    List<String> lines = new ArrayList<>();
    TreeSet<String> qualifiers = new TreeSet<>(expected.keySet());
    qualifiers.addAll(actual.keySet());
    for (String q : qualifiers) {
      SourceRow want = expected.get(q);
      SourceRow got = actual.get(q);
      if (want == null || !want.equals(got)) {
        lines.add("hbase " + q + ": expected " + describe(want) + ", found " + describe(got));
      }
    }
    return lines;
  }

  /**
   * Differences between the expected visible document (null: the entity must not be found) and the
   * one found through the alias, field by field.
   */
  public static List<String> document(JsonNode expected, long expectedVersion, Found found) {
    List<String> lines = new ArrayList<>();
    if (expected == null) {
      if (found != null) {
        lines.add("es: deleted entity is visible at version " + found.version());
      }
      return lines;
    }
    if (found == null) {
      lines.add("es: expected a document at version " + expectedVersion + ", none is visible");
      return lines;
    }
    if (found.version() != expectedVersion) {
      lines.add("es: version " + found.version() + ", expected m:v " + expectedVersion);
    }
    TreeSet<String> fields = new TreeSet<>();
    expected.fieldNames().forEachRemaining(fields::add);
    found.source().fieldNames().forEachRemaining(fields::add);
    for (String field : fields) {
      JsonNode want = expected.get(field);
      JsonNode got = found.source().get(field);
      if (want == null || !want.equals(got)) {
        lines.add("es " + field + ": expected " + want + ", found " + got);
      }
    }
    return lines;
  }

  /** A document as a search returned it. */
  public record Found(long version, JsonNode source) {}

  static String describe(SourceRow row) {
    if (row == null) {
      return "no cell";
    }
    return row.deleted() ? "tombstone@" + row.version() : "live@" + row.version() + row.columns();
  }
}
