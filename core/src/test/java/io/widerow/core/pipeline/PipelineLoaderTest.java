package io.widerow.core.pipeline;

import static io.widerow.core.pipeline.PipelineYaml.demo;
import static io.widerow.core.pipeline.PipelineYaml.errors;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import io.widerow.core.pipeline.FieldSpec.NestedField;
import io.widerow.core.pipeline.FieldSpec.ValueField;
import io.widerow.core.pipeline.TableSpec.Cardinality;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PipelineLoaderTest {

  @Test
  void demoFileLoadsIntoTheExpectedModel() {
    Pipeline pipeline = PipelineLoader.parse(PipelineYaml.demoText(), "demo", Map.of());

    assertThat(pipeline.name()).isEqualTo("orders");
    assertThat(pipeline.sources())
        .containsExactly(
            new Source(
                "shop",
                Source.Connector.MARIADB,
                "127.0.0.1",
                23306,
                "widerow_cdc",
                Secret.env("sources[0].passwordEnv", "WIDEROW_CDC_PASSWORD"),
                5401,
                List.of("shop_0", "shop_1"),
                500_000,
                SourceTls.DISABLED,
                Map.of()));
    assertThat(pipeline.tables().keySet())
        .containsExactly(
            "orders", "order_payment", "order_fulfillment", "order_refund", "order_item");
    assertThat(pipeline.rootTable().name()).isEqualTo("orders");
    TableSpec items = pipeline.table("order_item");
    assertThat(items.cardinality()).isEqualTo(Cardinality.MANY);
    assertThat(items.root()).isFalse();
    assertThat(items.keyColumn()).isEqualTo("order_id");
    assertThat(items.primaryKey()).containsExactly("item_id");
    assertThat(items.version()).isEqualTo(new VersionSource.Column("version"));
    assertThat(items.columns())
        .containsExactly("item_id", "order_id", "sku", "title", "quantity", "price", "version");
    assertThat(pipeline.table("order_payment").columns()).isEmpty();
    assertThat(pipeline.tableFor("shop_1", "order_item_3")).contains(items);
    assertThat(pipeline.tableFor("shop_1", "order_item_archive")).isEmpty();

    assertThat(pipeline.hbase())
        .isEqualTo(new HBaseSpec("127.0.0.1:22181", "widerow", "orders", 8));
    assertThat(pipeline.kafka())
        .isEqualTo(
            new KafkaSpec(
                "127.0.0.1:29092",
                "widerow",
                4,
                4,
                KafkaSecurity.PLAINTEXT,
                TopicSettings.Kinds.uniform(1, 1),
                Map.of()));
    assertThat(pipeline.topics().changes()).isEqualTo("widerow.orders.changes");

    ElasticsearchSpec es = pipeline.elasticsearch();
    assertThat(es.hosts()).containsExactly(URI.create("http://127.0.0.1:29200"));
    assertThat(es.index()).isEqualTo("orders");
    assertThat(es.shards()).isEqualTo(1);
    assertThat(es.replicas()).isZero();
    assertThat(es.fields()).hasSize(15);
    assertThat(es.fields().get(0))
        .isEqualTo(new ValueField("order_id", "orders", "order_id", FieldType.KEYWORD));
    assertThat(es.fields().get(12))
        .isEqualTo(new ValueField("refund_reasons", "order_refund", "reason", FieldType.TEXT));
    assertThat(es.fields().get(14))
        .isEqualTo(
            new NestedField(
                "items",
                "order_item",
                List.of(
                    new ValueField("sku", "order_item", "sku", FieldType.KEYWORD),
                    new ValueField("title", "order_item", "title", FieldType.TEXT),
                    new ValueField("quantity", "order_item", "quantity", FieldType.INTEGER),
                    new ValueField("price", "order_item", "price", FieldType.DOUBLE))));
  }

  @Test
  void loadReadsTheFileAndPrefixesEveryErrorWithItsPath(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("orders.pipeline.yaml");
    Files.writeString(file, demo().set("pipeline", "Orders").set("kafka.partitions", 0).text());

    assertThatExceptionOfType(PipelineConfigException.class)
        .isThrownBy(() -> PipelineLoader.load(file))
        .withMessage(
            String.join(
                System.lineSeparator(),
                file + ": 2 errors in the pipeline file",
                file
                    + ": pipeline: 'Orders' is not valid; expected a name matching [a-z][a-z0-9_]*",
                file + ": kafka.partitions: '0' is not valid; expected an integer >= 1"));
  }

  @Test
  void missingFileIsAConfigError(@TempDir Path dir) {
    Path file = dir.resolve("absent.yaml");

    assertThatExceptionOfType(PipelineConfigException.class)
        .isThrownBy(() -> PipelineLoader.load(file))
        .satisfies(e -> assertThat(e.origin()).isEqualTo(file.toString()))
        .satisfies(
            e ->
                assertThat(e.errors())
                    .containsExactly("cannot read the file: NoSuchFileException"));
  }

  @Test
  void everyErrorIsReportedAtOnce() {
    PipelineYaml yaml =
        demo()
            .set("pipeline", "Orders")
            .set("sources[0].port", 0)
            .set("tables.order_item.cardinality", "several")
            .remove("hbase.saltBuckets")
            .set("elasticsearch.fields.status.type", "string");

    assertThat(yaml.errors())
        .containsExactly(
            "pipeline: 'Orders' is not valid; expected a name matching [a-z][a-z0-9_]*",
            "sources[0].port: '0' is not valid; expected an integer in 1..65535",
            "tables.order_item.cardinality: 'several' is not valid; expected one of: one, many",
            "hbase.saltBuckets: missing; expected an integer in 1..256",
            "elasticsearch.fields.status.type: 'string' is not valid; expected one of: keyword,"
                + " text, long, integer, double, scaled_float, date, boolean, object, flattened");
  }

  @Test
  void pipelineNameIsALowercaseIdentifier() {
    assertThat(demo().set("pipeline", "orders_v2").load().name()).isEqualTo("orders_v2");
    assertThat(demo().set("pipeline", "2orders").errors())
        .containsExactly(
            "pipeline: '2orders' is not valid; expected a name matching [a-z][a-z0-9_]*");
  }

  @Test
  void missingSectionNamesTheSectionAndItsKeys() {
    assertThat(demo().remove("hbase").errors())
        .containsExactly(
            "hbase: missing; expected a mapping {zookeeper, namespace, table, saltBuckets}");
  }

  @Test
  void unknownKeySuggestsTheClosestKnownKey() {
    assertThat(demo().rename("kafka", "kafak").errors())
        .containsExactly(
            "kafak: unknown key; did you mean 'kafka'? expected one of: pipeline, sources,"
                + " tables, hbase, kafka, elasticsearch, deadLetters, query",
            "kafka: missing; expected a mapping {bootstrap, topicPrefix, partitions, workers}");
    assertThat(demo().set("owner", "team-search").errors())
        .containsExactly(
            "owner: unknown key; expected one of: pipeline, sources, tables, hbase, kafka,"
                + " elasticsearch, deadLetters, query");
  }

  @Test
  void fileThatIsNotAMappingIsRejected() {
    assertThat(errors("- orders\n"))
        .containsExactly(
            "(file): [\"orders\"] is not valid; expected a mapping with keys pipeline, sources,"
                + " tables, hbase, kafka, elasticsearch, deadLetters, query");
    assertThat(errors(""))
        .containsExactly(
            "the file is empty; expected a mapping with keys pipeline, sources, tables, hbase,"
                + " kafka, elasticsearch, deadLetters, query");
  }

  @Test
  void duplicateKeyIsRejectedWithItsLine() {
    String yaml =
        PipelineYaml.demoText().replace("pipeline: orders\n", "pipeline: orders\npipeline: shop\n");

    assertThat(errors(yaml))
        .containsExactly("line 5: key 'pipeline' appears twice; expected each key once");
  }

  @Test
  void duplicateBlockKeyIsReportedAtTheSecondKey() {
    String yaml =
        PipelineYaml.demoText().replace("\nhbase:\n", "\nkafka:\n  partitions: 1\nhbase:\n");

    assertThat(errors(yaml))
        .containsExactly("line 58: key 'kafka' appears twice; expected each key once");
  }

  @Test
  void unquotedPlaceholderInAFlowListGetsAHint() {
    String yaml =
        PipelineYaml.demoText()
            .replace(
                "['${WIDEROW_ELASTICSEARCH_URL:-http://127.0.0.1:29200}']",
                "[${WIDEROW_ELASTICSEARCH_URL:-http://127.0.0.1:29200}]");

    assertThat(errors(yaml))
        .containsExactly(
            "line 69, column 12: not valid YAML: while parsing a flow sequence: expected ',' or ']', but got {; a ${...}"
                + " placeholder inside [ ] or { } must be quoted, as in ['${NAME:-default}']");
  }
}
