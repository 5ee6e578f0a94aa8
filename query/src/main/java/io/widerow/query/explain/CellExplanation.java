package io.widerow.query.explain;

import io.widerow.core.row.CellOrigin;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One cell of a wide row, explained: which logical table and row it holds, at which version, and
 * what wrote it.
 *
 * @param childKey the child's primary key for a {@code many} table, else null
 * @param tombstone whether the cell buries a deleted (or moved, or truncated) row
 * @param undecodable why the cell does not decode; null when it does
 * @param origin what wrote the cell; null when no origin of the cell's version is stored
 * @param originNote why the origin is missing, when it is
 */
public record CellExplanation(
    String qualifier,
    String table,
    String childKey,
    long version,
    boolean tombstone,
    String undecodable,
    CellOrigin origin,
    String originNote) {

  Map<String, Object> toJson() {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("qualifier", qualifier);
    json.put("table", table);
    json.put("childKey", childKey);
    json.put("version", version);
    json.put("tombstone", tombstone);
    if (undecodable != null) {
      json.put("undecodable", undecodable);
    }
    if (origin != null) {
      Map<String, Object> o = new LinkedHashMap<>();
      o.put("source", origin.source());
      o.put("physicalTable", origin.physicalTable());
      o.put("primaryKey", origin.primaryKey());
      o.put("position", origin.position());
      o.put("committedAt", committedAt());
      o.put("commitTsMs", origin.commitTsMs());
      o.put("change", origin.change());
      json.put("origin", o);
    } else {
      json.put("origin", null);
      json.put("originNote", originNote);
    }
    return json;
  }

  /** The commit time as ISO-8601, or null when not known. */
  String committedAt() {
    return origin == null || origin.commitTsMs() <= 0
        ? null
        : Instant.ofEpochMilli(origin.commitTsMs()).toString();
  }

  String line() {
    StringBuilder line =
        new StringBuilder(
            String.format(
                "  %-24s v=%-10d %-9s",
                "d:" + qualifier, version, tombstone ? "tombstone" : "live"));
    if (undecodable != null) {
      line.append(" UNDECODABLE: ").append(undecodable);
    }
    if (origin == null) {
      line.append(" (").append(originNote).append(')');
      return line.toString();
    }
    line.append(' ').append(origin.source()).append(':').append(origin.physicalTable());
    if (!origin.primaryKey().isEmpty()) {
      line.append(" pk=").append(origin.primaryKey());
    }
    line.append(' ').append(origin.change());
    if (!origin.position().isEmpty()) {
      line.append(" at binlog ").append(origin.position());
    }
    if (committedAt() != null) {
      line.append(" committed ").append(committedAt());
    }
    return line.toString();
  }
}
