package io.widerow.verify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.widerow.core.document.BuildOutcome;
import io.widerow.core.document.IndexAction;
import io.widerow.verify.Difference.Kind;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Compares the document the indexer would make of the source's rows with the one the index holds:
 * missing, extra (live for an entity that does not exist) or stale (fields differ). Numbers compare
 * by value, since JSON does not keep an int apart from a long. Pure.
 */
final class DocumentComparator {

  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * @param actual the stored document, tombstone or live; null when there is none
   * @param rowVersion HBase's {@code m:v}, the version the next index write would carry
   */
  Optional<Difference> compare(
      SourceEntity entity, BuildOutcome expected, StoredDocument actual, long rowVersion) {
    boolean live = actual != null && !actual.deleted();
    String versions =
        (actual == null ? "es=none" : "es=" + actual.version()) + " hbase_mv=" + rowVersion;
    if (expected instanceof BuildOutcome.Rejected rejected) {
      return Optional.of(difference(entity, Kind.UNINDEXABLE, "", versions, rejected.reason()));
    }
    IndexAction action = ((BuildOutcome.Ready) expected).action();
    String blocked = blockedReindex(actual, rowVersion);
    long raise = blocked.isEmpty() ? 0 : actual.version();
    if (action instanceof IndexAction.Delete) {
      return live
          ? Optional.of(difference(entity, Kind.EXTRA_DOC, "", versions, blocked, raise))
          : Optional.empty();
    }
    if (!live) {
      String detail = actual == null ? "" : join("tombstone", blocked);
      return Optional.of(difference(entity, Kind.MISSING_DOC, "", versions, detail, raise));
    }
    JsonNode want = JSON.valueToTree(((IndexAction.Upsert) action).document());
    List<String> fields = differingFields(want, actual.source());
    if (fields.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(
        difference(
            entity,
            Kind.STALE_DOC,
            "fields " + String.join(",", fields),
            versions,
            blocked,
            raise));
  }

  /**
   * External versions must grow: a document at or above the version the next bump gives {@code m:v}
   * refuses the re-index (409) until {@code m:v} passes it, e.g. after HBase was rebuilt. A repair
   * raises {@code m:v} to the document's version first, so the bump that follows passes it.
   */
  private static String blockedReindex(StoredDocument actual, long rowVersion) {
    return actual != null && actual.version() > rowVersion
        ? "re-index refused until m:v passes " + actual.version()
        : "";
  }

  private static String join(String a, String b) {
    return b.isEmpty() ? a : a + "; " + b;
  }

  static List<String> differingFields(JsonNode expected, JsonNode actual) {
    TreeSet<String> names = new TreeSet<>();
    expected.fieldNames().forEachRemaining(names::add);
    if (actual instanceof ObjectNode) {
      actual.fieldNames().forEachRemaining(names::add);
    }
    List<String> differing = new ArrayList<>();
    for (String name : names) {
      if (!same(expected.get(name), actual == null ? null : actual.get(name))) {
        differing.add(name);
      }
    }
    return differing;
  }

  private static boolean same(JsonNode a, JsonNode b) {
    if (a == null || b == null || a.isNull() || b.isNull()) {
      return (a == null || a.isNull()) && (b == null || b.isNull());
    }
    if (a.isNumber() && b.isNumber()) {
      return a.decimalValue().compareTo(b.decimalValue()) == 0;
    }
    if (a.isContainerNode() && b.isContainerNode() && a.getNodeType() == b.getNodeType()) {
      if (a.size() != b.size()) {
        return false;
      }
      if (a.isArray()) {
        for (int i = 0; i < a.size(); i++) {
          if (!same(a.get(i), b.get(i))) {
            return false;
          }
        }
        return true;
      }
      for (Iterator<String> it = a.fieldNames(); it.hasNext(); ) {
        String name = it.next();
        if (!same(a.get(name), b.get(name))) {
          return false;
        }
      }
      return true;
    }
    return a.equals(b);
  }

  private static Difference difference(
      SourceEntity entity, Kind kind, String where, String versions, String detail) {
    return difference(entity, kind, where, versions, detail, 0);
  }

  private static Difference difference(
      SourceEntity entity, Kind kind, String where, String versions, String detail, long raise) {
    return new Difference(
        kind, entity.key(), entity.rowkey(), where, versions, detail, List.of(), raise);
  }
}
