package io.widerow.core.row;

/** Names the cell of one source row within the wide row's data family. */
public final class CellQualifier {

  public static final char CHILD_SEPARATOR = '#';

  private CellQualifier() {}

  public static String of(String table, String childKey) {
    return childKey == null ? table : table + CHILD_SEPARATOR + childKey;
  }

  public static String table(String qualifier) {
    int at = qualifier.indexOf(CHILD_SEPARATOR);
    return at < 0 ? qualifier : qualifier.substring(0, at);
  }

  /** The child key, or {@code null} for a ONE table's cell. */
  public static String childKey(String qualifier) {
    int at = qualifier.indexOf(CHILD_SEPARATOR);
    return at < 0 ? null : qualifier.substring(at + 1);
  }
}
