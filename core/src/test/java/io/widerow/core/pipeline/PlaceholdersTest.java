package io.widerow.core.pipeline;

import static io.widerow.core.pipeline.PipelineYaml.demo;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PlaceholdersTest {

  @Test
  void setVariablesReplaceTheirDefaults() {
    Pipeline pipeline =
        demo()
            .load(
                Map.of(
                    "WIDEROW_MARIADB_PORT", "3307",
                    "WIDEROW_ELASTICSEARCH_URL", "https://es.example:9243"));

    assertThat(pipeline.sources().get(0).port()).isEqualTo(3307);
    assertThat(pipeline.sources().get(0).host()).isEqualTo("127.0.0.1");
    assertThat(pipeline.elasticsearch().hosts())
        .containsExactly(URI.create("https://es.example:9243"));
  }

  @Test
  void emptyVariableTakesTheDefaultAsInAShell() {
    Pipeline pipeline = demo().load(Map.of("WIDEROW_MARIADB_HOST", ""));

    assertThat(pipeline.sources().get(0).host()).isEqualTo("127.0.0.1");
  }

  @Test
  void placeholdersMayStandInsideAValue() {
    PipelineYaml yaml =
        demo().set("elasticsearch.hosts", new String[] {"http://${ES_HOST:-es}:9200"});

    assertThat(yaml.load(Map.of("ES_HOST", "search-1")).elasticsearch().hosts())
        .containsExactly(URI.create("http://search-1:9200"));
  }

  @Test
  void unsetVariableWithoutDefaultNamesTheKeyAndTheVariable() {
    PipelineYaml yaml = demo().set("hbase.zookeeper", "${ZK_QUORUM}");

    assertThat(yaml.load(Map.of("ZK_QUORUM", "zk1:2181")).hbase().zookeeperQuorum())
        .isEqualTo("zk1:2181");
    assertThat(yaml.errors())
        .containsExactly(
            "hbase.zookeeper: environment variable ZK_QUORUM is not set; expected it set, or a"
                + " default as in ${ZK_QUORUM:-value}");
  }

  @Test
  void variableValueIsNeverReadAsYaml() {
    PipelineYaml yaml = demo().set("sources[0].user", "${CDC_USER}");

    assertThat(yaml.load(Map.of("CDC_USER", "cdc: {admin: true} # x")).sources().get(0).user())
        .isEqualTo("cdc: {admin: true} # x");
  }

  @Test
  void malformedPlaceholdersAreRejected() {
    assertThat(demo().set("hbase.namespace", "${1ST:-widerow}").errors())
        .containsExactly(
            "hbase.namespace: '${1ST:-widerow}' is not valid; expected ${NAME} or"
                + " ${NAME:-default}, NAME a variable name");
    assertThat(demo().set("hbase.namespace", "${NAMESPACE:-widerow").errors())
        .containsExactly(
            "hbase.namespace: '${NAMESPACE:-widerow' is not valid; expected every ${ closed by }"
                + " as in ${NAME:-default}");
  }
}
