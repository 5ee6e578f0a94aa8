package io.widerow.verify;

import io.widerow.verify.Difference.Kind;
import java.io.PrintWriter;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** Prints each difference as one line as it is found, and the counts per kind at the end. */
public final class VerifyReport {

  /** What one run found and did. */
  public record Summary(
      long entities,
      long differences,
      Map<Kind, Long> byKind,
      long cellsWritten,
      long keysPublished,
      long notRepairable) {

    public Summary {
      byKind = Map.copyOf(byKind);
    }
  }

  private final PrintWriter out;
  private final Map<Kind, Long> counts = new EnumMap<>(Kind.class);
  private long entities;
  private long differences;
  private long cellsWritten;
  private long keysPublished;
  private long notRepairable;

  public VerifyReport(PrintWriter out) {
    this.out = out;
  }

  void entitiesChecked(int count) {
    entities += count;
  }

  void add(List<Difference> found) {
    for (Difference d : found) {
      out.println(d.line());
      counts.merge(d.kind(), 1L, Long::sum);
      differences++;
    }
    out.flush();
  }

  void repaired(Repairer.Result result) {
    cellsWritten += result.cellsWritten();
    keysPublished += result.keysPublished();
    notRepairable += result.notRepairable();
  }

  public long differences() {
    return differences;
  }

  /** Prints the summary lines and returns the totals. */
  public Summary finish(boolean repaired) {
    StringBuilder line = new StringBuilder("summary: entities=" + entities);
    line.append(" differences=").append(differences);
    counts.forEach((kind, n) -> line.append(' ').append(kind.name()).append('=').append(n));
    out.println(line);
    if (repaired) {
      out.println(
          "repair: cells written="
              + cellsWritten
              + " keys re-published="
              + keysPublished
              + " not repairable="
              + notRepairable);
    }
    out.flush();
    return new Summary(entities, differences, counts, cellsWritten, keysPublished, notRepairable);
  }
}
