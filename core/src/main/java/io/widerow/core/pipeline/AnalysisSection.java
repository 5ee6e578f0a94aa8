package io.widerow.core.pipeline;

import static io.widerow.core.pipeline.PipelineKeys.ANALYZERS;
import static io.widerow.core.pipeline.PipelineKeys.ANALYZER_FILTERS;
import static io.widerow.core.pipeline.PipelineKeys.ANALYZER_TOKENIZER;
import static io.widerow.core.pipeline.PipelineKeys.ES_ANALYSIS;
import static io.widerow.core.pipeline.PipelineKeys.NORMALIZERS;
import static io.widerow.core.pipeline.PipelineKeys.NORMALIZER_FILTERS;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Reads {@code elasticsearch.analysis}: the custom analyzers and normalizers. */
final class AnalysisSection {

  private AnalysisSection() {}

  static Optional<Analysis> read(ConfigMap es) {
    if (!es.has(ES_ANALYSIS)) {
      return Optional.of(Analysis.NONE);
    }
    Optional<ConfigMap> section = es.map(ES_ANALYSIS);
    if (section.isEmpty()) {
      return Optional.empty();
    }
    ConfigMap analysis = section.get().allowOnlyDefined();
    ConfigErrors errors = es.errors();
    int errorsBefore = errors.count();
    Map<String, Analysis.Analyzer> analyzers = new LinkedHashMap<>();
    analysis
        .optionalNamedMaps(ANALYZERS)
        .forEach(
            (name, map) -> {
              map.allowOnlyDefined();
              checkName(map, name, Analysis.BUILT_IN_ANALYZERS, "analyzer");
              Optional<String> tokenizer =
                  map.has(ANALYZER_TOKENIZER)
                      ? map.text(ANALYZER_TOKENIZER)
                      : Optional.of((String) ANALYZER_TOKENIZER.defaults().value().get());
              Optional<List<String>> filters = filters(map, ANALYZER_FILTERS);
              if (tokenizer.isPresent() && filters.isPresent()) {
                analyzers.put(name, new Analysis.Analyzer(tokenizer.get(), filters.get()));
              }
            });
    Map<String, List<String>> normalizers = new LinkedHashMap<>();
    analysis
        .optionalNamedMaps(NORMALIZERS)
        .forEach(
            (name, map) -> {
              map.allowOnlyDefined();
              checkName(map, name, List.copyOf(Analysis.BUILT_IN_NORMALIZERS), "normalizer");
              filters(map, NORMALIZER_FILTERS).ifPresent(f -> normalizers.put(name, f));
            });
    return errors.count() == errorsBefore
        ? Optional.of(new Analysis(analyzers, normalizers))
        : Optional.empty();
  }

  private static Optional<List<String>> filters(ConfigMap map, ConfigKey key) {
    Optional<List<String>> filters = map.texts(key);
    if (filters.isEmpty()) {
      return filters;
    }
    for (int i = 0; i < filters.get().size(); i++) {
      String filter = filters.get().get(i);
      if (!Names.ANALYSIS_PART.matcher(filter).matches()) {
        map.errors()
            .invalid(
                Paths.index(map.pathOf(key), i),
                ConfigErrors.quote(filter),
                Names.ANALYSIS_PART_EXPECTED);
        return Optional.empty();
      }
    }
    return filters;
  }

  private static void checkName(ConfigMap map, String name, List<String> builtIn, String what) {
    if (!Names.FIELD.matcher(name).matches()) {
      map.errors().invalid(map.path(), ConfigErrors.quote(name), Names.FIELD_EXPECTED);
    } else if (builtIn.contains(name)) {
      map.errors()
          .invalid(
              map.path(),
              ConfigErrors.quote(name),
              "a name that is not a built-in " + what + "'s (" + String.join(", ", builtIn) + ")");
    }
  }
}
