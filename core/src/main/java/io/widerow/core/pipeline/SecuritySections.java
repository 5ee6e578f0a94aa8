package io.widerow.core.pipeline;

import static io.widerow.core.pipeline.SecurityKeys.*;

import io.widerow.core.pipeline.KafkaSecurity.Mechanism;
import io.widerow.core.pipeline.KafkaSecurity.Protocol;
import io.widerow.core.pipeline.KafkaSecurity.Sasl;
import io.widerow.core.pipeline.KafkaSecurity.Tls;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads the keys of {@link SecurityKeys}: TLS, credentials and pass-through settings of each
 * server, and the durability of the topics. Secrets are read as references ({@link Secret}); their
 * values only when a client is built.
 */
final class SecuritySections {

  private SecuritySections() {}

  // ---- secrets

  /**
   * The secret named by exactly one of {@code envKey} and {@code fileKey}; empty (no error) when
   * neither is given and it is not {@code required}.
   */
  static Optional<Secret> secret(
      ConfigMap map, ConfigKey envKey, ConfigKey fileKey, boolean required, String what) {
    boolean env = map.has(envKey);
    boolean file = map.has(fileKey);
    if (env && file) {
      map.errors()
          .add(
              map.pathOf(fileKey),
              "given together with " + envKey.name() + "; expected exactly one of the two");
      return Optional.empty();
    }
    if (!env && !file) {
      if (required) {
        map.errors()
            .missing(
                map.pathOf(envKey),
                "the variable (or " + fileKey.name() + ": the file) of " + what);
      }
      return Optional.empty();
    }
    return env
        ? map.text(envKey).map(v -> Secret.env(map.pathOf(envKey), v))
        : map.path(fileKey).map(p -> Secret.file(map.pathOf(fileKey), p.toString()));
  }

  /** Whether reading {@code key}'s secret left an error (as opposed to being absent). */
  private static boolean failed(ConfigMap map, int errorsBefore) {
    return map.errors().count() > errorsBefore;
  }

  // ---- pass-through settings

  /**
   * Settings passed through, less those widerow makes: {@code owned} maps a setting (or a prefix
   * ending in '.') to the key of the pipeline file that makes it.
   */
  static Optional<Map<String, String>> properties(
      ConfigMap map, ConfigKey key, Map<String, String> owned) {
    Optional<Map<String, String>> properties = map.properties(key);
    if (properties.isEmpty()) {
      return properties;
    }
    boolean valid = true;
    for (String name : properties.get().keySet()) {
      Optional<String> owner = ownerOf(name, owned);
      if (owner.isPresent()) {
        map.errors()
            .add(
                Paths.key(map.pathOf(key), name),
                "set by widerow from " + owner.get() + "; remove it");
        valid = false;
      }
    }
    return valid ? properties : Optional.empty();
  }

  private static Optional<String> ownerOf(String name, Map<String, String> owned) {
    return owned.entrySet().stream()
        .filter(
            e -> e.getKey().endsWith(".") ? name.startsWith(e.getKey()) : name.equals(e.getKey()))
        .map(Map.Entry::getValue)
        .findFirst();
  }

  // ---- sources

  /** The source's TLS; {@link SourceTls#DISABLED} when absent. */
  static Optional<SourceTls> sourceTls(ConfigMap source, Optional<Source.Connector> connector) {
    if (!source.has(SOURCE_TLS)) {
      return Optional.of(SourceTls.DISABLED);
    }
    Optional<ConfigMap> section = source.map(SOURCE_TLS);
    if (section.isEmpty()) {
      return Optional.empty();
    }
    ConfigMap tls = section.get().allowOnlyDefined();
    Optional<SourceTls.Mode> mode =
        tls.has(SOURCE_TLS_MODE)
            ? tls.choice(SOURCE_TLS_MODE, SourceTls.Mode.class)
            : Optional.of(SourceTls.Mode.DISABLED);
    Optional<Path> caFile = tls.optionalPath(SOURCE_TLS_CA_FILE);
    if (mode.isEmpty() || (tls.has(SOURCE_TLS_CA_FILE) && caFile.isEmpty())) {
      return Optional.empty();
    }
    if (mode.get().verifies() && caFile.isEmpty()) {
      tls.errors()
          .missing(
              tls.pathOf(SOURCE_TLS_CA_FILE),
              "the CA certificate (PEM) for mode "
                  + ConfigKey.Validator.OneOf.lowercase(mode.get()));
      return Optional.empty();
    }
    if (mode.get() == SourceTls.Mode.PREFERRED
        && connector.orElse(null) == Source.Connector.MARIADB) {
      tls.errors()
          .invalid(
              tls.pathOf(SOURCE_TLS_MODE),
              "'preferred'",
              "disabled, required, verify-ca or verify-identity for connector mariadb (its"
                  + " drivers cannot fall back to plain text)");
      return Optional.empty();
    }
    return Optional.of(new SourceTls(mode.get(), caFile));
  }

  /** What ingest sets in Debezium's configuration itself, by the key of the file that sets it. */
  static final Map<String, String> DEBEZIUM_OWNED =
      owned(
          "sources[].name, kafka.topicPrefix and pipeline",
          List.of("name", "connector.class", "topic.prefix", "topic.naming.strategy"),
          "sources[].host, port, user, passwordEnv/passwordFile, serverId",
          List.of(
              "database.hostname",
              "database.port",
              "database.user",
              "database.password",
              "database.server.id"),
          "sources[].tls",
          List.of("database.ssl.", "driver.sslMode", "driver.serverSslCert"),
          "sources[].databases and tables.<table>.physical",
          List.of("database.include.list", "table.include.list"),
          "kafka (offsets and schema history)",
          List.of(
              "offset.",
              "schema.history.internal",
              "schema.history.internal.",
              "bootstrap.servers",
              "security.protocol",
              "sasl.",
              "ssl."),
          "ingest itself (widerow relies on it)",
          List.of(
              "snapshot.mode",
              "decimal.handling.mode",
              "include.schema.changes",
              "tombstones.on.delete",
              "skipped.operations",
              "max.batch.size",
              "max.queue.size",
              "poll.interval.ms",
              "snapshot.max.threads",
              "errors.max.retries",
              "errors.retry.delay.initial.ms",
              "errors.retry.delay.max.ms"));

  // ---- kafka

  static final Map<String, String> KAFKA_OWNED =
      owned(
          "kafka.bootstrap",
          List.of("bootstrap.servers"),
          "kafka.security.protocol",
          List.of("security.protocol"),
          "each service (serialization, groups, delivery guarantees)",
          List.of(
              "key.serializer",
              "value.serializer",
              "key.deserializer",
              "value.deserializer",
              "group.id",
              "client.id",
              "enable.auto.commit",
              "auto.offset.reset",
              "isolation.level",
              "acks",
              "enable.idempotence",
              "transactional.id"));

  // Set when kafka.security.sasl or kafka.security.tls says them; otherwise free to pass.
  private static final List<String> SASL_OWNED = List.of("sasl.mechanism", "sasl.jaas.config");
  private static final List<String> TLS_OWNED =
      List.of("ssl.truststore.", "ssl.keystore.", "ssl.key.password");

  static Optional<KafkaSecurity> kafkaSecurity(ConfigMap kafka) {
    if (!kafka.has(KAFKA_SECURITY)) {
      return Optional.of(KafkaSecurity.PLAINTEXT);
    }
    Optional<ConfigMap> section = kafka.map(KAFKA_SECURITY);
    if (section.isEmpty()) {
      return Optional.empty();
    }
    ConfigMap security = section.get().allowOnlyDefined();
    int errorsBefore = security.errors().count();
    Optional<Protocol> protocol =
        security.has(KAFKA_PROTOCOL)
            ? security.text(KAFKA_PROTOCOL).map(Protocol::valueOf)
            : Optional.of(Protocol.PLAINTEXT);
    Optional<Sasl> sasl =
        security.has(KAFKA_SASL)
            ? security.map(KAFKA_SASL).flatMap(SecuritySections::sasl)
            : Optional.empty();
    Optional<Tls> tls =
        security.has(KAFKA_TLS)
            ? security.map(KAFKA_TLS).flatMap(SecuritySections::kafkaTls)
            : Optional.empty();
    if (failed(security, errorsBefore)) {
      return Optional.empty();
    }
    if (sasl.isPresent() && !protocol.get().usesSasl()) {
      security
          .errors()
          .add(
              security.pathOf(KAFKA_SASL),
              "given with protocol "
                  + protocol.get()
                  + "; expected protocol SASL_SSL or SASL_PLAINTEXT");
      return Optional.empty();
    }
    if (tls.isPresent() && !protocol.get().usesTls()) {
      security
          .errors()
          .add(
              security.pathOf(KAFKA_TLS),
              "given with protocol " + protocol.get() + "; expected protocol SSL or SASL_SSL");
      return Optional.empty();
    }
    return Optional.of(new KafkaSecurity(protocol.get(), sasl, tls));
  }

  private static Optional<Sasl> sasl(ConfigMap map) {
    ConfigMap sasl = map.allowOnlyDefined();
    int errorsBefore = sasl.errors().count();
    Optional<Mechanism> mechanism =
        sasl.text(KAFKA_SASL_MECHANISM).map(m -> Mechanism.valueOf(m.replace('-', '_')));
    Optional<String> username = sasl.text(KAFKA_SASL_USERNAME);
    Optional<Secret> password =
        secret(sasl, KAFKA_SASL_PASSWORD_ENV, KAFKA_SASL_PASSWORD_FILE, true, "the SASL password");
    if (failed(sasl, errorsBefore)) {
      return Optional.empty();
    }
    return Optional.of(new Sasl(mechanism.get(), username.get(), password.get()));
  }

  private static Optional<Tls> kafkaTls(ConfigMap map) {
    ConfigMap tls = map.allowOnlyDefined();
    int errorsBefore = tls.errors().count();
    Optional<Path> caFile = tls.optionalPath(KAFKA_TLS_CA_FILE);
    Optional<Path> truststore = tls.optionalPath(KAFKA_TLS_TRUSTSTORE_FILE);
    Optional<String> truststoreType = storeType(tls, KAFKA_TLS_TRUSTSTORE_TYPE);
    Optional<Secret> truststorePassword =
        secret(
            tls,
            KAFKA_TLS_TRUSTSTORE_PASSWORD_ENV,
            KAFKA_TLS_TRUSTSTORE_PASSWORD_FILE,
            false,
            "the truststore");
    Optional<Path> certFile = tls.optionalPath(KAFKA_TLS_CERT_FILE);
    Optional<Path> keyFile = tls.optionalPath(KAFKA_TLS_KEY_FILE);
    Optional<Path> keystore = tls.optionalPath(KAFKA_TLS_KEYSTORE_FILE);
    Optional<String> keystoreType = storeType(tls, KAFKA_TLS_KEYSTORE_TYPE);
    Optional<Secret> keystorePassword =
        secret(
            tls,
            KAFKA_TLS_KEYSTORE_PASSWORD_ENV,
            KAFKA_TLS_KEYSTORE_PASSWORD_FILE,
            keystore.isPresent(),
            "the keystore");
    exclusive(tls, KAFKA_TLS_CA_FILE, KAFKA_TLS_TRUSTSTORE_FILE);
    exclusive(tls, KAFKA_TLS_CERT_FILE, KAFKA_TLS_KEYSTORE_FILE);
    if (certFile.isPresent() != keyFile.isPresent()) {
      ConfigKey absent = certFile.isPresent() ? KAFKA_TLS_KEY_FILE : KAFKA_TLS_CERT_FILE;
      tls.errors().missing(tls.pathOf(absent), "a file path: certFile and keyFile go together");
    }
    if (failed(tls, errorsBefore)) {
      return Optional.empty();
    }
    return Optional.of(
        new Tls(
            caFile,
            truststore,
            truststoreType.get(),
            truststorePassword,
            certFile,
            keyFile,
            keystore,
            keystoreType.get(),
            keystorePassword));
  }

  private static Optional<String> storeType(ConfigMap map, ConfigKey key) {
    return map.has(key) ? map.text(key) : Optional.of("PKCS12");
  }

  private static void exclusive(ConfigMap map, ConfigKey first, ConfigKey second) {
    if (map.has(first) && map.has(second)) {
      map.errors()
          .add(
              map.pathOf(second),
              "given together with " + first.name() + "; expected one of the two");
    }
  }

  /** The settings passed to every Kafka client, less those the security section already makes. */
  static Optional<Map<String, String>> kafkaProperties(
      ConfigMap kafka, Optional<KafkaSecurity> security) {
    Map<String, String> owned = new java.util.LinkedHashMap<>(KAFKA_OWNED);
    security
        .flatMap(KafkaSecurity::sasl)
        .ifPresent(s -> SASL_OWNED.forEach(k -> owned.put(k, "kafka.security.sasl")));
    security
        .flatMap(KafkaSecurity::tls)
        .ifPresent(t -> TLS_OWNED.forEach(k -> owned.put(k, "kafka.security.tls")));
    return properties(kafka, KAFKA_PROPERTIES, owned);
  }

  static Optional<TopicSettings.Kinds> topics(ConfigMap kafka) {
    if (!kafka.has(KAFKA_TOPICS)) {
      return Optional.of(TopicSettings.Kinds.DEFAULT);
    }
    Optional<ConfigMap> section = kafka.map(KAFKA_TOPICS);
    if (section.isEmpty()) {
      return Optional.empty();
    }
    ConfigMap topics = section.get().allowOnlyDefined();
    Optional<TopicSettings> changes =
        topicKind(
            topics, TOPICS_CHANGES, CHANGES_REPLICATION, CHANGES_MIN_INSYNC, CHANGES_RETENTION);
    Optional<TopicSettings> keys =
        topicKind(topics, TOPICS_KEYS, KEYS_REPLICATION, KEYS_MIN_INSYNC, KEYS_RETENTION);
    Optional<TopicSettings> deadLetters =
        topicKind(
            topics,
            TOPICS_DEAD_LETTERS,
            DEAD_LETTERS_REPLICATION,
            DEAD_LETTERS_MIN_INSYNC,
            DEAD_LETTERS_RETENTION);
    if (changes.isEmpty() || keys.isEmpty() || deadLetters.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(new TopicSettings.Kinds(changes.get(), keys.get(), deadLetters.get()));
  }

  private static Optional<TopicSettings> topicKind(
      ConfigMap topics,
      ConfigKey kind,
      ConfigKey replication,
      ConfigKey minInsync,
      ConfigKey retention) {
    long defaultRetention = (Long) retention.defaults().value().orElseThrow();
    if (!topics.has(kind)) {
      return Optional.of(
          new TopicSettings(replication.defaultInt(), minInsync.defaultInt(), defaultRetention));
    }
    Optional<ConfigMap> section = topics.map(kind);
    if (section.isEmpty()) {
      return Optional.empty();
    }
    ConfigMap map = section.get().allowOnlyDefined();
    Optional<Integer> factor = map.integer(replication);
    // A topic whose factor is below min.insync.replicas refuses every write.
    Optional<Integer> min =
        map.integer(
            minInsync,
            factor.orElse((int) Short.MAX_VALUE),
            Math.min(minInsync.defaultInt(), factor.orElse(minInsync.defaultInt())));
    Optional<Long> retentionMs =
        map.has(retention) ? map.longInteger(retention) : Optional.of(defaultRetention);
    if (retentionMs.isPresent() && retentionMs.get() == 0) {
      map.errors().invalid(map.pathOf(retention), "'0'", "-1 or a positive number of milliseconds");
      return Optional.empty();
    }
    if (factor.isEmpty() || min.isEmpty() || retentionMs.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(new TopicSettings(factor.get(), min.get(), retentionMs.get()));
  }

  // ---- elasticsearch

  static Optional<ElasticsearchSecurity> elasticsearchSecurity(ConfigMap es) {
    int errorsBefore = es.errors().count();
    Optional<Path> caFile = Optional.empty();
    Optional<String> fingerprint = Optional.empty();
    if (es.has(ES_TLS)) {
      Optional<ConfigMap> tls = es.map(ES_TLS).map(ConfigMap::allowOnlyDefined);
      if (tls.isPresent()) {
        caFile = tls.get().optionalPath(ES_TLS_CA_FILE);
        fingerprint =
            tls.get().has(ES_TLS_FINGERPRINT)
                ? tls.get().text(ES_TLS_FINGERPRINT)
                : Optional.empty();
        exclusive(tls.get(), ES_TLS_CA_FILE, ES_TLS_FINGERPRINT);
        if (!tls.get().has(ES_TLS_CA_FILE) && !tls.get().has(ES_TLS_FINGERPRINT)) {
          tls.get()
              .errors()
              .missing(tls.get().pathOf(ES_TLS_CA_FILE), "a file path, or a fingerprint");
        }
      }
    }
    Optional<String> username = Optional.empty();
    Optional<Secret> password = Optional.empty();
    Optional<Secret> apiKey = Optional.empty();
    if (es.has(ES_AUTH)) {
      Optional<ConfigMap> auth = es.map(ES_AUTH).map(ConfigMap::allowOnlyDefined);
      if (auth.isPresent()) {
        ConfigMap a = auth.get();
        boolean basic =
            a.has(ES_AUTH_USERNAME) || a.has(ES_AUTH_PASSWORD_ENV) || a.has(ES_AUTH_PASSWORD_FILE);
        boolean key = a.has(ES_AUTH_API_KEY_ENV) || a.has(ES_AUTH_API_KEY_FILE);
        if (basic && key) {
          a.errors().add(a.path(), "has both a user and an API key; expected one of the two");
        } else if (key) {
          apiKey = secret(a, ES_AUTH_API_KEY_ENV, ES_AUTH_API_KEY_FILE, true, "the API key");
        } else {
          username = a.text(ES_AUTH_USERNAME);
          password =
              secret(a, ES_AUTH_PASSWORD_ENV, ES_AUTH_PASSWORD_FILE, true, "the user's password");
        }
      }
    }
    if (failed(es, errorsBefore)) {
      return Optional.empty();
    }
    return Optional.of(new ElasticsearchSecurity(caFile, fingerprint, username, password, apiKey));
  }

  // ---- hbase

  static final Map<String, String> HBASE_OWNED =
      owned(
          "hbase.zookeeper",
          List.of("hbase.zookeeper.quorum", "hbase.zookeeper.property.clientPort"),
          "hbase.kerberos",
          List.of(
              "hbase.security.authentication",
              "hadoop.security.authentication",
              "hbase.client.keytab.file",
              "hbase.client.kerberos.principal"));

  static Optional<HBaseAccess> hbaseAccess(ConfigMap hbase) {
    int errorsBefore = hbase.errors().count();
    Optional<Path> configDir = hbase.optionalPath(HBASE_CONFIG_DIR);
    Optional<Path> siteFile = hbase.optionalPath(HBASE_SITE_FILE);
    exclusive(hbase, HBASE_CONFIG_DIR, HBASE_SITE_FILE);
    Optional<HBaseAccess.Kerberos> kerberos = Optional.empty();
    if (hbase.has(HBASE_KERBEROS)) {
      Optional<ConfigMap> k = hbase.map(HBASE_KERBEROS).map(ConfigMap::allowOnlyDefined);
      if (k.isPresent()) {
        Optional<String> principal = k.get().text(HBASE_KERBEROS_PRINCIPAL);
        Optional<Path> keytab = k.get().path(HBASE_KERBEROS_KEYTAB);
        if (principal.isPresent() && keytab.isPresent()) {
          kerberos = Optional.of(new HBaseAccess.Kerberos(principal.get(), keytab.get()));
        }
      }
    }
    Optional<Map<String, String>> properties = properties(hbase, HBASE_PROPERTIES, HBASE_OWNED);
    if (failed(hbase, errorsBefore)) {
      return Optional.empty();
    }
    return Optional.of(new HBaseAccess(configDir, siteFile, kerberos, properties.orElseThrow()));
  }

  /** Whether the configuration files may give the ZooKeeper quorum. */
  static boolean hasConfigFiles(ConfigMap hbase) {
    return hbase.has(HBASE_CONFIG_DIR) || hbase.has(HBASE_SITE_FILE);
  }

  /** A map from setting (or prefix) to the key that owns it, from pairs (owner, settings). */
  private static Map<String, String> owned(Object... ownerAndSettings) {
    Map<String, String> owned = new java.util.LinkedHashMap<>();
    for (int i = 0; i < ownerAndSettings.length; i += 2) {
      String owner = (String) ownerAndSettings[i];
      @SuppressWarnings("unchecked")
      List<String> settings = (List<String>) ownerAndSettings[i + 1];
      settings.forEach(s -> owned.put(s, owner));
    }
    return java.util.Collections.unmodifiableMap(owned);
  }
}
