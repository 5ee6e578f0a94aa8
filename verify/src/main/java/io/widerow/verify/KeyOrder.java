package io.widerow.verify;

import java.util.Comparator;

/**
 * Orders entity keys by code point, which is the byte order of their UTF-8 text: the order the
 * source cursors sort by ({@code CAST(CONVERT(key USING utf8mb4) AS BINARY)}).
 */
enum KeyOrder implements Comparator<String> {
  INSTANCE;

  @Override
  public int compare(String a, String b) {
    int i = 0;
    int j = 0;
    while (i < a.length() && j < b.length()) {
      int ca = a.codePointAt(i);
      int cb = b.codePointAt(j);
      if (ca != cb) {
        return Integer.compare(ca, cb);
      }
      i += Character.charCount(ca);
      j += Character.charCount(cb);
    }
    return Integer.compare(a.length() - i, b.length() - j);
  }
}
