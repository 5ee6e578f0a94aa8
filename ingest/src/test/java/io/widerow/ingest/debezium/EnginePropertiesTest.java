package io.widerow.ingest.debezium;

import static org.assertj.core.api.Assertions.assertThat;

import io.widerow.core.pipeline.Pipeline;
import io.widerow.core.pipeline.Secret;
import io.widerow.core.pipeline.Source;
import io.widerow.core.pipeline.SourceTls;
import io.widerow.core.pipeline.TableSpec;
import io.widerow.core.pipeline.VersionSource;
import io.widerow.core.retry.RetrySettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class EnginePropertiesTest {

  @Test
  void mariadbSourceReadsItsDatabasesAndTheLogicalTablesWithKafkaOffsets() {
    Pipeline pipeline = pipeline(Source.Connector.MARIADB, List.of("shop_0", "shop_1"));

    Properties p = EngineProperties.of(pipeline, pipeline.sources().get(0), "secret");

    assertThat(p)
        .containsEntry("connector.class", "io.debezium.connector.mariadb.MariaDbConnector")
        .containsEntry("topic.prefix", "widerow.orders.shop")
        .containsEntry("topic.naming.strategy", CachedTopicNaming.class.getName())
        .containsEntry("database.include.list", "shop_0,shop_1")
        .containsEntry(
            "table.include.list", "shop_\\d+\\.orders_\\d+,shop_\\d{1\\,3}\\.order_item_\\d+")
        .containsEntry("database.password", "secret")
        .containsEntry("database.server.id", "5401")
        .containsEntry("snapshot.mode", "initial")
        .containsEntry("decimal.handling.mode", "string")
        .containsEntry("offset.storage", KafkaOffsetStore.class.getName())
        .containsEntry("offset.storage.topic", "widerow.orders.ingest-offsets")
        .containsEntry("offset.flush.interval.ms", "1000")
        .containsEntry("offset.flush.timeout.ms", "30000")
        .containsEntry(
            "schema.history.internal", "io.debezium.storage.kafka.history.KafkaSchemaHistory")
        .containsEntry("schema.history.internal.kafka.topic", "widerow.orders.schema-history")
        .containsEntry("bootstrap.servers", "127.0.0.1:29092");
  }

  @Test
  void aUsableSignalTableTurnsOnIncrementalSnapshotsAndIsCapturedWithItsDatabase() {
    Pipeline pipeline = pipeline(Source.Connector.MARIADB, List.of("shop_0", "shop_1"));

    Properties off = EngineProperties.of(pipeline, pipeline.sources().get(0), "secret");
    Properties on = EngineProperties.of(pipeline, pipeline.sources().get(0), "secret", true);

    assertThat(off).doesNotContainKey("signal.data.collection");
    assertThat(on)
        .containsEntry("signal.enabled.channels", "source")
        .containsEntry("signal.data.collection", "widerow.signal_orders")
        .containsEntry("incremental.snapshot.chunk.size", "1024")
        .containsEntry("incremental.snapshot.watermarking.strategy", "insert_insert")
        .containsEntry("database.include.list", "shop_0,shop_1,widerow")
        .containsEntry(
            "table.include.list",
            "shop_\\d+\\.orders_\\d+,shop_\\d{1\\,3}\\.order_item_\\d+,widerow\\.signal_orders");
  }

  @Test
  void debeziumsOwnConnectionRetriesAreBoundedByTheSharedRetryBudget() {
    Pipeline pipeline = pipeline(Source.Connector.MARIADB, List.of("shop_0"));

    Properties p = EngineProperties.of(pipeline, pipeline.sources().get(0), "secret");

    // 100 ms doubling to 10 s: 7 steps take 12.7 s, 28 more of 10 s fit in the 5 minutes.
    assertThat(p)
        .containsEntry("errors.max.retries", "35")
        .containsEntry("errors.retry.delay.initial.ms", "100")
        .containsEntry("errors.retry.delay.max.ms", "10000");
    assertThat(
            EngineProperties.retriesWithin(
                new RetrySettings(
                    Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ofMillis(10), 0)))
        .isEqualTo(1);
  }

  @Test
  void mysqlSourceWithoutDatabasesReadsWhateverTheTablePatternsMatch() {
    Pipeline pipeline = pipeline(Source.Connector.MYSQL, List.of());

    Properties p = EngineProperties.of(pipeline, pipeline.sources().get(0), "secret");

    assertThat(p)
        .containsEntry("connector.class", "io.debezium.connector.mysql.MySqlConnector")
        .doesNotContainKey("database.include.list");
  }

  @Test
  void sourceTlsGoesToTheConnectorTheJdbcDriverAndTheBinlogReader() throws Exception {
    Pipeline plain = pipeline(Source.Connector.MARIADB, List.of("shop_0"));
    Path ca = Files.createTempFile("ca", ".pem");
    Files.writeString(ca, TestCertificates.CA_PEM);
    Source tls =
        new Source(
            "shop",
            Source.Connector.MARIADB,
            "127.0.0.1",
            23306,
            "cdc",
            Secret.env("sources[0].passwordEnv", "PW"),
            5401,
            List.of("shop_0"),
            Source.DEFAULT_SNAPSHOT_KEY_LIMIT,
            new SourceTls(SourceTls.Mode.VERIFY_CA, Optional.of(ca)),
            Map.of("snapshot.fetch.size", "10000"));

    Properties p = EngineProperties.of(plain, tls, "secret");

    assertThat(p)
        .containsEntry("database.ssl.mode", "verify-ca")
        .containsEntry("driver.serverSslCert", ca.toString())
        .containsEntry("snapshot.fetch.size", "10000");
    KeyStore store = KeyStore.getInstance("PKCS12");
    try (var in = Files.newInputStream(Path.of(p.getProperty("database.ssl.truststore")))) {
      store.load(in, p.getProperty("database.ssl.truststore.password").toCharArray());
    }
    assertThat(store.size()).isEqualTo(1);
    assertThat(EngineProperties.of(plain, plain.sources().get(0), "s"))
        .containsEntry("database.ssl.mode", "disable")
        .doesNotContainKey("database.ssl.truststore");
    assertThat(SourceTlsProperties.mode(Source.Connector.MYSQL, SourceTls.Mode.VERIFY_IDENTITY))
        .isEqualTo("verify_identity");
  }

  @Test
  void kafkaSecurityReachesTheOffsetStoreAndBothSchemaHistoryClients() {
    Pipeline pipeline = pipeline(Source.Connector.MARIADB, List.of("shop_0"));
    Map<String, String> kafka =
        Map.of(
            "bootstrap.servers", "b:9094",
            "security.protocol", "SASL_SSL",
            "sasl.jaas.config", "x required;");

    Properties p = EngineProperties.of(pipeline, pipeline.sources().get(0), "s", false, kafka);

    assertThat(p)
        .containsEntry("security.protocol", "SASL_SSL")
        .containsEntry("schema.history.internal.kafka.bootstrap.servers", "b:9094")
        .containsEntry("schema.history.internal.producer.security.protocol", "SASL_SSL")
        .containsEntry("schema.history.internal.consumer.sasl.jaas.config", "x required;")
        .containsEntry("schema.history.internal.producer.bootstrap.servers", "b:9094");
  }

  private static Pipeline pipeline(Source.Connector connector, List<String> databases) {
    Map<String, TableSpec> tables = new LinkedHashMap<>();
    tables.put("orders", table("orders", "shop_\\d+\\.orders_\\d+", true));
    tables.put("order_item", table("order_item", "shop_\\d{1,3}\\.order_item_\\d+", false));
    return new Pipeline(
        "orders",
        List.of(
            new Source(
                "shop",
                connector,
                "127.0.0.1",
                23306,
                "cdc",
                "NO_SUCH_ENV",
                5401,
                databases,
                Source.DEFAULT_SNAPSHOT_KEY_LIMIT)),
        tables,
        new io.widerow.core.pipeline.HBaseSpec("127.0.0.1:22181", "widerow", "orders", 8),
        new io.widerow.core.pipeline.KafkaSpec("127.0.0.1:29092", "widerow", 4),
        new io.widerow.core.pipeline.ElasticsearchSpec(List.of(), "orders", 1, 0, List.of()));
  }

  private static TableSpec table(String name, String physical, boolean root) {
    return new TableSpec(
        name,
        Pattern.compile(physical),
        "order_id",
        List.of("order_id"),
        root ? TableSpec.Cardinality.ONE : TableSpec.Cardinality.MANY,
        root,
        new VersionSource.Column("version"),
        Set.of());
  }
}
