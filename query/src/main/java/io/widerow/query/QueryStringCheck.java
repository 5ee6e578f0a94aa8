package io.widerow.query;

import java.util.Set;
import java.util.TreeSet;

/**
 * Checks a query string before it reaches the index: every field it names must be one of the
 * pipeline's searchable fields, and no term may start with a wildcard unless the limits allow it (a
 * leading wildcard reads every term of a field). Elasticsearch is told the same and stays the
 * authority; this check gives the caller a message that names the limit.
 *
 * <p>It reads just enough of the query-string syntax to find field names and term starts: quoted
 * phrases, {@code /regex/}, {@code [..]} and {@code {..}} ranges and {@code \} escapes are skipped.
 */
public final class QueryStringCheck {

  private static final String EXISTS = "_exists_";

  private final Set<String> fields;
  private final boolean leadingWildcards;

  /**
   * @param fields the fields a query may name; {@code name.*} lets it name any key under {@code
   *     name} (the keys of a JSON field)
   */
  public QueryStringCheck(Set<String> fields, boolean leadingWildcards) {
    this.fields = Set.copyOf(fields);
    this.leadingWildcards = leadingWildcards;
  }

  /**
   * @throws IllegalArgumentException naming the field or term that is not allowed
   */
  public void check(String query) {
    int i = 0;
    int n = query.length();
    boolean termStart = true;
    boolean existsValue = false;
    while (i < n) {
      char c = query.charAt(i);
      if (Character.isWhitespace(c) || c == '(' || c == ')') {
        termStart = true;
        i++;
      } else if (termStart && (c == '+' || c == '-' || c == '!')) {
        i++;
      } else if (c == '"' || (termStart && c == '/')) {
        i = skipDelimited(query, i, c);
        termStart = false;
        existsValue = false;
      } else if (c == '[' || c == '{') {
        i = skipDelimited(query, i, c == '[' ? ']' : '}');
        termStart = false;
      } else if (termStart) {
        int end = termEnd(query, i);
        String term = query.substring(i, end);
        if (end < n && query.charAt(end) == ':') {
          String field = unescape(term);
          checkField(field);
          existsValue = field.equals(EXISTS);
          i = end + 1;
          // the value follows: it starts a term too
        } else {
          if (existsValue) {
            checkField(unescape(term));
          }
          checkTermStart(term);
          existsValue = false;
          termStart = false;
          i = end;
        }
      } else {
        i = c == '\\' ? i + 2 : i + 1;
      }
    }
  }

  private void checkField(String field) {
    if (!field.equals(EXISTS) && !fields.contains(field) && !underJsonField(field)) {
      throw new IllegalArgumentException(
          "q names the field '"
              + field
              + "', which is not searchable here; expected one of: "
              + String.join(", ", new TreeSet<>(fields)));
    }
  }

  private boolean underJsonField(String field) {
    for (int dot = field.indexOf('.'); dot > 0; dot = field.indexOf('.', dot + 1)) {
      if (fields.contains(field.substring(0, dot) + ".*")) {
        return true;
      }
    }
    return false;
  }

  private void checkTermStart(String term) {
    boolean wildcardFirst = term.startsWith("*") || term.startsWith("?");
    if (!leadingWildcards && wildcardFirst && !term.equals("*")) {
      throw new IllegalArgumentException(
          "q: the term '"
              + term
              + "' starts with a wildcard, which this API does not allow"
              + " (query.limits.leadingWildcards); put a few characters first, as in 'ab*'");
    }
  }

  /** The end of a bare term: whitespace, a parenthesis, a quote, a range or an unescaped ':'. */
  private static int termEnd(String query, int start) {
    int i = start;
    while (i < query.length()) {
      char c = query.charAt(i);
      if (c == '\\') {
        i += 2;
        continue;
      }
      if (Character.isWhitespace(c) || "():\"[]{}".indexOf(c) >= 0) {
        break;
      }
      i++;
    }
    return Math.min(i, query.length());
  }

  /** The index after the closing {@code close} of a part opened at {@code start}. */
  private static int skipDelimited(String query, int start, char close) {
    int i = start + 1;
    while (i < query.length()) {
      char c = query.charAt(i);
      if (c == '\\') {
        i += 2;
      } else if (c == close) {
        return i + 1;
      } else {
        i++;
      }
    }
    return query.length();
  }

  private static String unescape(String text) {
    StringBuilder out = new StringBuilder(text.length());
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '\\' && i + 1 < text.length()) {
        c = text.charAt(++i);
      }
      out.append(c);
    }
    return out.toString();
  }
}
