package io.widerow.core.pipeline;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The index's custom analyzers and normalizers ({@code elasticsearch.analysis}).
 *
 * @param analyzers by name: a tokenizer and token filters
 * @param normalizers by name: token filters
 */
public record Analysis(Map<String, Analyzer> analyzers, Map<String, List<String>> normalizers) {

  /**
   * Analyzers Elasticsearch's default distribution names. The minimal distribution the local stack
   * runs has {@code standard} only; the others need its analysis-common module.
   */
  static final List<String> BUILT_IN_ANALYZERS =
      List.of(
          "standard",
          "simple",
          "whitespace",
          "stop",
          "keyword",
          "pattern",
          "fingerprint",
          "cjk",
          "english",
          "german",
          "french",
          "spanish",
          "dutch");

  static final Set<String> BUILT_IN_NORMALIZERS = Set.of("lowercase");

  public static final Analysis NONE = new Analysis(Map.of(), Map.of());

  public Analysis {
    analyzers = Collections.unmodifiableMap(new LinkedHashMap<>(analyzers));
    normalizers = Collections.unmodifiableMap(new LinkedHashMap<>(normalizers));
  }

  public boolean isEmpty() {
    return analyzers.isEmpty() && normalizers.isEmpty();
  }

  /** A custom analyzer: one tokenizer, then token filters in order. */
  public record Analyzer(String tokenizer, List<String> filters) {
    public Analyzer {
      filters = List.copyOf(filters);
    }
  }
}
