package io.widerow.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.widerow.core.document.TestPipelines;
import io.widerow.core.pipeline.Pipeline;
import io.widerow.core.pipeline.PipelineConfigException;
import io.widerow.core.pipeline.Source;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code ingest --source NAME}: which sources' engines one ingest process runs. */
class IngestSourcesTest {

  private static final Pipeline TWO_SOURCES = withSources("eu", "us");

  @Test
  void noNameMeansEverySource() {
    assertThat(IngestService.onlySources(TWO_SOURCES, List.of())).isSameAs(TWO_SOURCES);
  }

  @Test
  void namedSourcesAloneRunInTheFilesOrder() {
    Pipeline us = IngestService.onlySources(TWO_SOURCES, List.of("us"));
    assertThat(us.sources()).extracting(Source::name).containsExactly("us");
    assertThat(us.name()).isEqualTo(TWO_SOURCES.name());
    assertThat(us.hbase()).isEqualTo(TWO_SOURCES.hbase());
    assertThat(us.kafka()).isEqualTo(TWO_SOURCES.kafka());

    assertThat(IngestService.onlySources(TWO_SOURCES, List.of("us", "eu")).sources())
        .extracting(Source::name)
        .containsExactly("eu", "us");
  }

  @Test
  void anUnknownNameIsBadConfigurationNamingTheSources() {
    assertThatThrownBy(() -> IngestService.onlySources(TWO_SOURCES, List.of("us", "asia")))
        .isInstanceOf(PipelineConfigException.class)
        .hasMessageContaining("no source named asia")
        .hasMessageContaining("its sources: eu, us");
  }

  private static Pipeline withSources(String... names) {
    Pipeline p = TestPipelines.orders();
    Source s = p.sources().get(0);
    List<Source> sources =
        java.util.Arrays.stream(names)
            .map(n -> s.withIdentity(n, s.serverId() + n.hashCode() % 100, s.databases()))
            .toList();
    return new Pipeline(p.name(), sources, p.tables(), p.hbase(), p.kafka(), p.elasticsearch());
  }
}
