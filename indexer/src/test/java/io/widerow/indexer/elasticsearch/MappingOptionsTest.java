package io.widerow.indexer.elasticsearch;

import static org.assertj.core.api.Assertions.assertThat;

import io.widerow.core.pipeline.Analysis;
import io.widerow.core.pipeline.FieldType;
import io.widerow.core.pipeline.MappingOptions;
import io.widerow.core.pipeline.MappingOptions.SubField;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Each mapping option of the pipeline file becomes the Elasticsearch mapping parameter. */
class MappingOptionsTest {

  private static MappingOptions options(
      Optional<Integer> scalingFactor,
      Map<String, SubField> subfields,
      boolean index,
      boolean docValues,
      Optional<String> nullValue,
      List<String> copyTo,
      Optional<String> format,
      Optional<String> analyzer,
      Optional<String> normalizer) {
    return new MappingOptions(
        scalingFactor,
        subfields,
        index,
        docValues,
        nullValue,
        copyTo,
        format,
        analyzer,
        normalizer);
  }

  @Test
  void scaledFloatCarriesItsFactor() {
    assertThat(
            IndexMapping.valueProperty(
                FieldType.SCALED_FLOAT,
                options(
                    Optional.of(100),
                    Map.of(),
                    true,
                    true,
                    Optional.of("0"),
                    List.of(),
                    Optional.empty(),
                    Optional.empty(),
                    Optional.empty())))
        .isEqualTo(
            Map.of(
                "type", "scaled_float", "scaling_factor", 100, "null_value", new BigDecimal("0")));
  }

  @Test
  void textWithAnalyzerSubfieldsAndCopyTo() {
    Map<String, SubField> subfields = new LinkedHashMap<>();
    subfields.put(
        "raw", new SubField(FieldType.KEYWORD, Optional.empty(), Optional.of("lowercase")));
    subfields.put("cjk", new SubField(FieldType.TEXT, Optional.of("cjk"), Optional.empty()));
    Map<String, Object> property =
        IndexMapping.valueProperty(
            FieldType.TEXT,
            options(
                Optional.empty(),
                subfields,
                false,
                true,
                Optional.empty(),
                List.of("search_all"),
                Optional.empty(),
                Optional.of("folded"),
                Optional.empty()));
    assertThat(property)
        .containsExactly(
            Map.entry("type", "text"),
            Map.entry("analyzer", "folded"),
            Map.entry("index", false),
            Map.entry("copy_to", List.of("search_all")),
            Map.entry(
                "fields",
                Map.of(
                    "raw", Map.of("type", "keyword", "normalizer", "lowercase"),
                    "cjk", Map.of("type", "text", "analyzer", "cjk"))));
  }

  @Test
  void keywordWithNormalizerNoDocValuesAndNullValue() {
    assertThat(
            IndexMapping.valueProperty(
                FieldType.KEYWORD,
                options(
                    Optional.empty(),
                    Map.of(),
                    true,
                    false,
                    Optional.of("NONE"),
                    List.of(),
                    Optional.empty(),
                    Optional.empty(),
                    Optional.of("lower"))))
        .isEqualTo(
            Map.of(
                "type",
                "keyword",
                "normalizer",
                "lower",
                "doc_values",
                false,
                "null_value",
                "NONE"));
  }

  @Test
  void aDateFormatAlwaysTakesEpochMillis() {
    assertThat(
            IndexMapping.valueProperty(
                FieldType.DATE,
                options(
                    Optional.empty(),
                    Map.of(),
                    true,
                    true,
                    Optional.empty(),
                    List.of(),
                    Optional.of("yyyy-MM-dd"),
                    Optional.empty(),
                    Optional.empty())))
        .containsEntry("format", "yyyy-MM-dd||epoch_millis");
  }

  @Test
  void jsonFields() {
    assertThat(IndexMapping.valueProperty(FieldType.FLATTENED, MappingOptions.NONE))
        .isEqualTo(Map.of("type", "flattened"));
    assertThat(IndexMapping.valueProperty(FieldType.OBJECT, MappingOptions.NONE))
        .isEqualTo(Map.of("type", "object", "dynamic", true));
  }

  @Test
  void customAnalysisGoesIntoTheSettings() {
    Analysis analysis =
        new Analysis(
            Map.of("folded", new Analysis.Analyzer("standard", List.of("lowercase", "stop"))),
            Map.of("lower", List.of("lowercase")));
    assertThat(IndexMapping.analysis(analysis))
        .isEqualTo(
            Map.of(
                "analyzer",
                Map.of(
                    "folded",
                    Map.of(
                        "type",
                        "custom",
                        "tokenizer",
                        "standard",
                        "filter",
                        List.of("lowercase", "stop"))),
                "normalizer",
                Map.of("lower", Map.of("type", "custom", "filter", List.of("lowercase")))));
  }
}
