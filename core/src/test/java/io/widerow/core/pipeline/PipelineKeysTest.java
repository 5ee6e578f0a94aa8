package io.widerow.core.pipeline;

import static io.widerow.core.pipeline.PipelineKeys.DEAD_LETTERS_MAX_PER_MINUTE;
import static io.widerow.core.pipeline.PipelineKeys.ES_REFRESH_INTERVAL_MS;
import static io.widerow.core.pipeline.PipelineKeys.ES_REPLICAS;
import static io.widerow.core.pipeline.PipelineKeys.ES_SHARDS;
import static io.widerow.core.pipeline.PipelineKeys.KAFKA_WORKERS;
import static io.widerow.core.pipeline.PipelineKeys.SOURCE_SNAPSHOT_KEY_LIMIT;
import static io.widerow.core.pipeline.PipelineKeys.TABLE_ROOT;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.widerow.core.pipeline.ConfigKey.Type;
import io.widerow.core.pipeline.ConfigKey.Validator.OneOf;
import io.widerow.core.pipeline.ConfigKey.Validator.Range;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** The key table against the loader: the keys it accepts, rejects and defaults. */
class PipelineKeysTest {

  private static final YAMLMapper YAML = new YAMLMapper();
  private static final String DEMO = "workload/src/main/resources/demo/orders.pipeline.yaml";

  @Test
  void theMaximalFileLoadsAndUsesEveryKeyOfTheTable() throws IOException {
    String yaml = PipelineYaml.maximalText();

    PipelineLoader.parse(yaml, "maximal", Map.of());
    KeyWalk walk = KeyWalk.of(YAML.readTree(yaml));
    assertThat(walk.unknown).isEmpty();

    // The other key of each pair that excludes one another.
    Set<String> used = new java.util.HashSet<>(walk.used);
    for (PipelineYaml alternative : alternatives()) {
      alternative.load();
      KeyWalk other = KeyWalk.of(alternative.tree());
      assertThat(other.unknown).isEmpty();
      used.addAll(other.used);
    }
    assertThat(used).containsExactlyInAnyOrderElementsOf(paths(PipelineKeys.all()));
  }

  /** The maximal file with the other key of every exclusive pair. */
  static List<PipelineYaml> alternatives() {
    return List.of(
        PipelineYaml.maximal()
            .remove("kafka.security.sasl.passwordEnv")
            .set("kafka.security.sasl.passwordFile", "/run/secrets/kafka-password")
            .remove("kafka.security.tls.caFile")
            .remove("kafka.security.tls.truststorePasswordEnv")
            .set("kafka.security.tls.truststoreFile", "/run/secrets/kafka-truststore.p12")
            .set("kafka.security.tls.truststorePasswordFile", "/run/secrets/truststore-password")
            .remove("kafka.security.tls.certFile")
            .remove("kafka.security.tls.keyFile")
            .remove("kafka.security.tls.keystorePasswordEnv")
            .set("kafka.security.tls.keystoreFile", "/run/secrets/kafka-client.p12")
            .set("kafka.security.tls.keystorePasswordFile", "/run/secrets/keystore-password")
            .remove("elasticsearch.tls.caFile")
            .set("elasticsearch.tls.fingerprint", "ab".repeat(32))
            .remove("elasticsearch.auth.username")
            .remove("elasticsearch.auth.passwordEnv")
            .set("elasticsearch.auth.apiKeyEnv", "WIDEROW_ES_API_KEY")
            .remove("hbase.configDir")
            .set("hbase.siteFile", "/etc/hbase/conf/hbase-site.xml"),
        PipelineYaml.maximal()
            .remove("elasticsearch.auth.passwordEnv")
            .set("elasticsearch.auth.passwordFile", "/run/secrets/es-password"),
        PipelineYaml.maximal()
            .remove("elasticsearch.auth.username")
            .remove("elasticsearch.auth.passwordEnv")
            .set("elasticsearch.auth.apiKeyFile", "/run/secrets/es-api-key"));
  }

  @Test
  void theDemoFilesUseOnlyKeysOfTheTable() throws IOException {
    String demo = Files.readString(Repository.file(DEMO), StandardCharsets.UTF_8);
    for (String yaml : List.of(demo, PipelineYaml.demoText())) {
      PipelineLoader.parse(yaml, "demo", Map.of());
      assertThat(KeyWalk.of(YAML.readTree(yaml)).unknown).isEmpty();
    }
  }

  @Test
  void aKeyOutsideTheTableIsRejectedInEveryMappingOfTheFile() {
    Map<String, KeyWalk.Instance> mappings = KeyWalk.of(PipelineYaml.maximal().tree()).mappings;
    List<String> members = new ArrayList<>(List.of(""));
    PipelineKeys.all().stream()
        .map(ConfigKey::members)
        .filter(m -> !m.isEmpty())
        .forEach(members::add);
    assertThat(mappings).containsOnlyKeys(members);

    for (KeyWalk.Instance mapping : mappings.values()) {
      String planted = Paths.key(mapping.path(), "undefinedKey");
      assertThat(PipelineYaml.maximal().set(planted, 1).errors())
          .as(planted)
          .anySatisfy(error -> assertThat(error).startsWith(planted + ": unknown key; "));
    }
  }

  @Test
  void anAbsentKeyTakesTheTablesDefault() {
    record Case(ConfigKey key, String path, Function<Pipeline, Object> value) {}
    List<Case> cases =
        List.of(
            new Case(
                SOURCE_SNAPSHOT_KEY_LIMIT,
                "sources[0].snapshotKeyLimit",
                p -> p.sources().get(0).snapshotKeyLimit()),
            new Case(TABLE_ROOT, "tables.order_item.root", p -> p.table("order_item").root()),
            new Case(ES_SHARDS, "elasticsearch.shards", p -> p.elasticsearch().shards()),
            new Case(ES_REPLICAS, "elasticsearch.replicas", p -> p.elasticsearch().replicas()),
            new Case(
                ES_REFRESH_INTERVAL_MS,
                "elasticsearch.refreshIntervalMs",
                p -> p.elasticsearch().refreshIntervalMs()),
            new Case(
                PipelineKeys.ANALYZER_TOKENIZER,
                "elasticsearch.analysis.analyzers.folded.tokenizer",
                p -> p.elasticsearch().analysis().analyzers().get("folded").tokenizer()),
            new Case(
                PipelineKeys.FIELD_OPTIONS.index(),
                "elasticsearch.fields.status.index",
                p -> field(p, "status").options().index()),
            new Case(
                PipelineKeys.FIELD_OPTIONS.docValues(),
                "elasticsearch.fields.status.docValues",
                p -> field(p, "status").options().docValues()),
            new Case(
                PipelineKeys.NESTED_FIELD_OPTIONS.index(),
                "elasticsearch.fields.items.fields.title.index",
                p -> inner(p, "title").options().index()),
            new Case(
                PipelineKeys.NESTED_FIELD_OPTIONS.docValues(),
                "elasticsearch.fields.items.fields.sku.docValues",
                p -> inner(p, "sku").options().docValues()),
            new Case(QueryKeys.HOST, "query.host", p -> p.query().orElseThrow().host()),
            new Case(QueryKeys.PORT, "query.port", p -> p.query().orElseThrow().port()),
            new Case(
                QueryKeys.SERVED_BY_INDEXER,
                "query.servedByIndexer",
                p -> p.query().orElseThrow().servedByIndexer()),
            new Case(QueryKeys.THREADS, "query.threads", p -> p.query().orElseThrow().threads()),
            new Case(QueryKeys.QUEUE, "query.queue", p -> p.query().orElseThrow().queue()),
            new Case(
                QueryKeys.LOOPBACK_WITHOUT_TOKEN,
                "query.auth.loopbackWithoutToken",
                p -> p.query().orElseThrow().auth().loopbackWithoutToken()),
            new Case(
                QueryKeys.MAX_WINDOW,
                "query.limits.maxWindow",
                p -> p.query().orElseThrow().limits().maxWindow()),
            new Case(
                QueryKeys.MAX_SIZE,
                "query.limits.maxSize",
                p -> p.query().orElseThrow().limits().maxSize()),
            new Case(
                QueryKeys.DEFAULT_SIZE,
                "query.limits.defaultSize",
                p -> p.query().orElseThrow().limits().defaultSize()),
            new Case(
                QueryKeys.MAX_KEYS,
                "query.limits.maxKeys",
                p -> p.query().orElseThrow().limits().maxKeys()),
            new Case(
                QueryKeys.SEARCH_TIMEOUT_MS,
                "query.limits.searchTimeoutMs",
                p -> (int) p.query().orElseThrow().limits().searchTimeout().toMillis()),
            new Case(
                QueryKeys.TRACK_TOTAL_HITS_UP_TO,
                "query.limits.trackTotalHitsUpTo",
                p -> p.query().orElseThrow().limits().trackTotalHitsUpTo()),
            new Case(
                QueryKeys.LEADING_WILDCARDS,
                "query.limits.leadingWildcards",
                p -> p.query().orElseThrow().limits().leadingWildcards()),
            new Case(
                DEAD_LETTERS_MAX_PER_MINUTE,
                "deadLetters.maxPerMinute",
                p -> p.deadLetters().maxPerMinute()),
            new Case(
                SecurityKeys.SOURCE_TLS_MODE,
                "sources[0].tls.mode",
                p -> OneOf.lowercase(p.sources().get(0).tls().mode())),
            new Case(
                SecurityKeys.KAFKA_PROTOCOL,
                "kafka.security.protocol",
                p -> p.kafka().security().protocol().name()),
            new Case(
                SecurityKeys.KAFKA_TLS_TRUSTSTORE_TYPE,
                "kafka.security.tls.truststoreType",
                p -> p.kafka().security().tls().orElseThrow().truststoreType()),
            new Case(
                SecurityKeys.KAFKA_TLS_KEYSTORE_TYPE,
                "kafka.security.tls.keystoreType",
                p -> p.kafka().security().tls().orElseThrow().keystoreType()),
            new Case(
                SecurityKeys.CHANGES_REPLICATION,
                "kafka.topics.changes.replicationFactor",
                p -> p.kafka().topics().changes().replicationFactor()),
            new Case(
                SecurityKeys.CHANGES_MIN_INSYNC,
                "kafka.topics.changes.minInsyncReplicas",
                p -> p.kafka().topics().changes().minInsyncReplicas()),
            new Case(
                SecurityKeys.CHANGES_RETENTION,
                "kafka.topics.changes.retentionMs",
                p -> p.kafka().topics().changes().retentionMs()),
            new Case(
                SecurityKeys.KEYS_REPLICATION,
                "kafka.topics.keys.replicationFactor",
                p -> p.kafka().topics().keys().replicationFactor()),
            new Case(
                SecurityKeys.KEYS_MIN_INSYNC,
                "kafka.topics.keys.minInsyncReplicas",
                p -> p.kafka().topics().keys().minInsyncReplicas()),
            new Case(
                SecurityKeys.KEYS_RETENTION,
                "kafka.topics.keys.retentionMs",
                p -> p.kafka().topics().keys().retentionMs()),
            new Case(
                SecurityKeys.DEAD_LETTERS_REPLICATION,
                "kafka.topics.deadLetters.replicationFactor",
                p -> p.kafka().topics().deadLetters().replicationFactor()),
            new Case(
                SecurityKeys.DEAD_LETTERS_MIN_INSYNC,
                "kafka.topics.deadLetters.minInsyncReplicas",
                p -> p.kafka().topics().deadLetters().minInsyncReplicas()),
            new Case(
                SecurityKeys.DEAD_LETTERS_RETENTION,
                "kafka.topics.deadLetters.retentionMs",
                p -> p.kafka().topics().deadLetters().retentionMs()));
    assertThat(cases.stream().map(Case::key))
        .containsExactlyInAnyOrderElementsOf(
            PipelineKeys.all().stream().filter(k -> k.defaults().value().isPresent()).toList());

    for (Case c : cases) {
      PipelineYaml yaml = PipelineYaml.maximal().remove(c.path());
      if (c.key() == SecurityKeys.KAFKA_PROTOCOL) {
        // SASL and TLS settings without them would be refused with PLAINTEXT.
        yaml.remove("kafka.security.sasl").remove("kafka.security.tls");
      }
      Pipeline pipeline = yaml.load();
      assertThat(c.value().apply(pipeline))
          .as(c.path())
          .isEqualTo(c.key().defaults().value().get());
    }
    Pipeline sixPartitions = PipelineYaml.maximal().remove("kafka.workers").load();
    assertThat(KAFKA_WORKERS.defaults().text())
        .endsWith("at most " + PipelineKeys.MAX_DEFAULT_WORKERS);
    assertThat(sixPartitions.kafka().workers()).isEqualTo(PipelineKeys.MAX_DEFAULT_WORKERS);
    assertThat(PipelineYaml.maximal().set("kafka.partitions", 3).remove("kafka.workers").load())
        .extracting(p -> p.kafka().workers())
        .isEqualTo(3);
  }

  private static FieldSpec field(Pipeline p, String name) {
    return p.elasticsearch().fields().stream()
        .filter(f -> f.name().equals(name))
        .findFirst()
        .orElseThrow();
  }

  private static FieldSpec inner(Pipeline p, String name) {
    return ((FieldSpec.NestedField) field(p, "items"))
        .fields().stream().filter(f -> f.name().equals(name)).findFirst().orElseThrow();
  }

  @Test
  void everyIntegerKeyHasARangeHoldingItsDefault() {
    for (ConfigKey key : PipelineKeys.all()) {
      assertThat(key.type() == Type.INTEGER)
          .as(key.path())
          .isEqualTo(key.validator() instanceof Range);
      if (key.validator() instanceof Range range && key.defaults().value().isPresent()) {
        long value = ((Number) key.defaults().value().get()).longValue();
        assertThat(value).as(key.path()).isBetween(range.min(), range.max());
      }
      if (key.validator() instanceof OneOf) {
        assertThat(key.type()).as(key.path()).isEqualTo(Type.STRING);
      }
    }
  }

  @Test
  void everyKeyIsDocumented() {
    assertThat(PipelineKeys.all())
        .allSatisfy(
            key -> {
              assertThat(key.doc()).as(key.path()).endsWith(".");
              assertThat(key.expected()).as(key.path()).isNotBlank();
              assertThat(key.defaults().text()).as(key.path()).isNotBlank();
            });
  }

  private static List<String> paths(List<ConfigKey> keys) {
    return keys.stream().map(ConfigKey::path).toList();
  }
}
