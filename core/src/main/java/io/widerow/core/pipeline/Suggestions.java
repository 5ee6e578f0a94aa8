package io.widerow.core.pipeline;

import java.util.Collection;
import java.util.Comparator;
import java.util.Locale;
import java.util.Optional;
import org.apache.commons.text.similarity.DamerauLevenshteinDistance;

/** Finds the known key a misspelt one was probably meant to be. */
final class Suggestions {

  private static final int MAX_DISTANCE = 2;

  /**
   * Edit distance counting a swap of neighbours as one edit ({@code kafak} is one edit from {@code
   * kafka}); commons-text computes it as the optimal string alignment.
   */
  private static final DamerauLevenshteinDistance DISTANCE = new DamerauLevenshteinDistance();

  private Suggestions() {}

  static Optional<String> closest(String typed, Collection<String> known) {
    String lower = typed.toLowerCase(Locale.ROOT);
    return known.stream()
        .filter(k -> distance(lower, k.toLowerCase(Locale.ROOT)) <= allowedDistance(typed))
        .min(Comparator.comparingInt(k -> distance(lower, k.toLowerCase(Locale.ROOT))));
  }

  // Short keys get less slack, or 'key' would be "corrected" to 'type'.
  private static int allowedDistance(String typed) {
    return Math.min(MAX_DISTANCE, typed.length() / 3);
  }

  private static int distance(String a, String b) {
    return DISTANCE.apply(a, b);
  }
}
