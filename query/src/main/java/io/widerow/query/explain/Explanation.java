package io.widerow.query.explain;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What widerow holds for one entity, and whether the index agrees: the wide row's cells with their
 * origins, its version {@code m:v}, the document's {@code _version}, and what still waits on the
 * way to the index.
 *
 * @param exists whether the entity's root row is live in HBase
 * @param rowVersion the wide row's {@code m:v}; 0 when it was never bumped
 * @param document the document as indexed; null when the index has none
 * @param state how the document stands against the row (see {@link IndexState})
 * @param behindBy {@code m:v} less the document's version when the index is behind, else 0
 * @param newestCommitTsMs the newest commit time among the cells' origins; 0 when none is known
 * @param backlog per stage, the messages waiting on this rowkey's partition
 * @param verdict one sentence for the operator
 */
public record Explanation(
    String key,
    String rowkey,
    boolean exists,
    long rowVersion,
    List<CellExplanation> cells,
    IndexedDocument document,
    IndexState state,
    long behindBy,
    long newestCommitTsMs,
    List<StageBacklog> backlog,
    String verdict) {

  public Explanation {
    cells = List.copyOf(cells);
    backlog = List.copyOf(backlog);
  }

  /** How the document stands against the wide row. */
  public enum IndexState {
    /** The document was built from the row's current version (or both say the entity is gone). */
    CURRENT,
    /** The document is older than the row: a change is on its way, or was lost. */
    BEHIND,
    /** The entity exists but the index has no document for it. */
    MISSING,
    /** The document is newer than the row: HBase was restored, or bumps were lost. */
    AHEAD,
    /** Nothing is stored for this key anywhere. */
    UNKNOWN
  }

  /** Whether the document's {@code _version} equals the row's {@code m:v}. */
  public boolean agrees() {
    return state == IndexState.CURRENT;
  }

  /** The JSON shape of the HTTP endpoint and {@code widerow explain --json}. */
  public Map<String, Object> toJson() {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("key", key);
    json.put("rowkey", rowkey);
    json.put("exists", exists);
    json.put("rowVersion", rowVersion);
    List<Map<String, Object>> cellsJson = new ArrayList<>();
    cells.forEach(c -> cellsJson.add(c.toJson()));
    json.put("cells", cellsJson);
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("found", document != null);
    if (document != null) {
      doc.put("index", document.index());
      doc.put("version", document.version());
      doc.put("tombstone", document.tombstone());
    }
    json.put("document", doc);
    Map<String, Object> index = new LinkedHashMap<>();
    index.put("state", state.name().toLowerCase(java.util.Locale.ROOT));
    index.put("agrees", agrees());
    index.put("behindBy", behindBy);
    index.put("newestCommitTsMs", newestCommitTsMs);
    List<Map<String, Object>> lag = new ArrayList<>();
    for (StageBacklog b : backlog) {
      Map<String, Object> stage = new LinkedHashMap<>();
      stage.put("stage", b.stage());
      stage.put("topic", b.topic());
      stage.put("partition", b.partition());
      stage.put("waiting", b.waiting());
      lag.add(stage);
    }
    index.put("backlog", lag);
    json.put("index", index);
    json.put("verdict", verdict);
    return json;
  }

  /** The text {@code widerow explain} prints. */
  public String text() {
    StringBuilder text = new StringBuilder();
    text.append(key)
        .append("  rowkey ")
        .append(rowkey)
        .append("  m:v ")
        .append(rowVersion)
        .append(
            exists ? "  (the entity exists)" : "  (no live root row: the entity does not exist)")
        .append('\n');
    text.append(cells.isEmpty() ? "cells: none\n" : "cells:\n");
    cells.forEach(c -> text.append(c.line()).append('\n'));
    text.append("document: ");
    if (document == null) {
      text.append("none");
    } else {
      text.append("_version ")
          .append(document.version())
          .append(document.tombstone() ? ", tombstone" : ", live")
          .append(" in ")
          .append(document.index());
    }
    text.append('\n');
    text.append("backlog:");
    if (backlog.isEmpty()) {
      text.append(" unknown");
    }
    for (StageBacklog b : backlog) {
      text.append(' ')
          .append(b.stage())
          .append(' ')
          .append(b.topic())
          .append('-')
          .append(b.partition())
          .append(": ")
          .append(b.waiting() < 0 ? "?" : String.valueOf(b.waiting()))
          .append(" waiting;");
    }
    text.append('\n');
    text.append(state.name().toLowerCase(java.util.Locale.ROOT)).append(": ").append(verdict);
    return text.append('\n').toString();
  }
}
