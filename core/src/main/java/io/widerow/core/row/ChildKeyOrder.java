package io.widerow.core.row;

import java.math.BigInteger;
import java.util.Comparator;

/** Orders child keys numerically when both are integers, else as strings: item 9 before 10. */
enum ChildKeyOrder implements Comparator<String> {
  INSTANCE;

  @Override
  public int compare(String a, String b) {
    if (isInteger(a) && isInteger(b)) {
      return new BigInteger(a).compareTo(new BigInteger(b));
    }
    return a.compareTo(b);
  }

  private static boolean isInteger(String s) {
    if (s.isEmpty() || s.length() > 40) {
      return false;
    }
    int start = s.charAt(0) == '-' && s.length() > 1 ? 1 : 0;
    for (int i = start; i < s.length(); i++) {
      if (!Character.isDigit(s.charAt(i))) {
        return false;
      }
    }
    return true;
  }
}
