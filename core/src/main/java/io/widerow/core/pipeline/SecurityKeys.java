package io.widerow.core.pipeline;

import static io.widerow.core.pipeline.ConfigKey.Type.MAPPING;
import static io.widerow.core.pipeline.ConfigKey.Type.PROPERTIES;
import static io.widerow.core.pipeline.ConfigKey.Type.STRING;
import static io.widerow.core.pipeline.PipelineKeys.ELASTICSEARCH;
import static io.widerow.core.pipeline.PipelineKeys.HBASE;
import static io.widerow.core.pipeline.PipelineKeys.KAFKA;
import static io.widerow.core.pipeline.PipelineKeys.SOURCES;
import static io.widerow.core.pipeline.PipelineKeys.define;
import static io.widerow.core.pipeline.PipelineKeys.range;

import io.widerow.core.pipeline.ConfigKey.Default;
import io.widerow.core.pipeline.ConfigKey.Type;
import io.widerow.core.pipeline.ConfigKey.Validator.Described;
import io.widerow.core.pipeline.ConfigKey.Validator.Matching;
import io.widerow.core.pipeline.ConfigKey.Validator.OneOf;
import java.util.regex.Pattern;

/**
 * The keys that say how widerow reaches a secured server (TLS, credentials, settings passed
 * through) and how durable its topics are; part of {@link PipelineKeys}' table, which loads this
 * class. A secret is only ever named: by a {@code ...Env} key (an environment variable) or a {@code
 * ...File} key (a file, such as a mounted Kubernetes secret), exactly one of the pair.
 */
final class SecurityKeys {

  private static final String FILE = "a file path";
  private static final String SECRET_FILE_DOC =
      " The file's content, less a trailing newline, is the secret; instead of ";
  private static final Matching ENV_VAR = new Matching(Names.ENV_VAR, Names.ENV_VAR_EXPECTED);

  // ---- sources

  static final ConfigKey SOURCE_PASSWORD_FILE =
      define(
          SOURCES,
          "passwordFile",
          STRING,
          Default.absentMeans("the password is in passwordEnv"),
          new Described(FILE),
          "A file that holds the user's password (a mounted secret)."
              + SECRET_FILE_DOC
              + "passwordEnv.");

  static final ConfigKey SOURCE_TLS =
      define(
          SOURCES,
          "tls",
          MAPPING,
          Default.absentMeans("no TLS"),
          new Described("a mapping {mode, caFile}"),
          "TLS to the database server, for Debezium and for every JDBC connection of widerow (the"
              + " start-up checks, verify).");

  static final ConfigKey SOURCE_TLS_MODE =
      define(
          SOURCE_TLS,
          "mode",
          STRING,
          Default.of("disabled"),
          new OneOf(SourceTls.Mode.class),
          "As MySQL's ssl-mode: `required` encrypts without checking the certificate, `verify-ca`"
              + " checks it against caFile, `verify-identity` also checks the host name."
              + " `preferred` (TLS when the server offers it) is for connector mysql only: MariaDB's"
              + " drivers have no such mode.");

  static final ConfigKey SOURCE_TLS_CA_FILE =
      define(
          SOURCE_TLS,
          "caFile",
          STRING,
          Default.requiredWhere("required by verify-ca and verify-identity"),
          new Described(FILE),
          "The CA certificate (PEM) the server's certificate must chain to.");

  static final ConfigKey SOURCE_PROPERTIES =
      define(
          SOURCES,
          "properties",
          PROPERTIES,
          Default.absentMeans("none"),
          new Described("Debezium connector settings, as in {snapshot.fetch.size: 10000}"),
          "Debezium connector settings widerow does not model, passed through as they are. A"
              + " setting widerow makes itself (connection, TLS, offsets, schema history, topic"
              + " naming, batching) is refused, naming the key that sets it.");

  // ---- kafka

  static final ConfigKey KAFKA_SECURITY =
      define(
          KAFKA,
          "security",
          MAPPING,
          Default.absentMeans("PLAINTEXT"),
          new Described("a mapping {protocol, sasl, tls}"),
          "How every Kafka client (producers, consumers, admin clients, Debezium's offset store"
              + " and schema history) authenticates and encrypts.");

  static final ConfigKey KAFKA_PROTOCOL =
      define(
          KAFKA_SECURITY,
          "protocol",
          STRING,
          Default.of("PLAINTEXT"),
          new Matching(
              Pattern.compile("PLAINTEXT|SSL|SASL_PLAINTEXT|SASL_SSL"),
              "one of: PLAINTEXT, SSL, SASL_PLAINTEXT, SASL_SSL"),
          "Kafka's security.protocol. SASL_* need sasl (or sasl.jaas.config in kafka.properties).");

  static final ConfigKey KAFKA_SASL =
      define(
          KAFKA_SECURITY,
          "sasl",
          MAPPING,
          Default.absentMeans("no SASL, or SASL set up in kafka.properties"),
          new Described("a mapping {mechanism, username, passwordEnv | passwordFile}"),
          "The SASL user; widerow writes the JAAS line from it.");

  static final ConfigKey KAFKA_SASL_MECHANISM =
      define(
          KAFKA_SASL,
          "mechanism",
          STRING,
          Default.REQUIRED,
          new Matching(
              Pattern.compile("PLAIN|SCRAM-SHA-256|SCRAM-SHA-512"),
              "one of: PLAIN, SCRAM-SHA-256, SCRAM-SHA-512"),
          "The SASL mechanism. Others (GSSAPI, OAUTHBEARER) go through kafka.properties"
              + " (sasl.mechanism, sasl.jaas.config, ...) with sasl left out.");

  static final ConfigKey KAFKA_SASL_USERNAME =
      define(
          KAFKA_SASL,
          "username",
          STRING,
          Default.REQUIRED,
          new Described("a user name"),
          "The SASL user.");

  static final ConfigKey KAFKA_SASL_PASSWORD_ENV =
      secretEnv(KAFKA_SASL, "passwordEnv", "The environment variable that holds the password.");

  static final ConfigKey KAFKA_SASL_PASSWORD_FILE =
      secretFile(KAFKA_SASL, "passwordFile", "A file that holds the password.", "passwordEnv");

  static final ConfigKey KAFKA_TLS =
      define(
          KAFKA_SECURITY,
          "tls",
          MAPPING,
          Default.absentMeans("the JVM's trusted CAs, no client certificate"),
          new Described("a mapping {caFile | truststoreFile, certFile + keyFile | keystoreFile}"),
          "Whom the clients trust and who they are, for protocol SSL and SASL_SSL.");

  static final ConfigKey KAFKA_TLS_CA_FILE =
      define(
          KAFKA_TLS,
          "caFile",
          STRING,
          Default.absentMeans("truststoreFile, or the JVM's trusted CAs"),
          new Described(FILE),
          "The CA certificates (PEM) the brokers' certificates must chain to.");

  static final ConfigKey KAFKA_TLS_TRUSTSTORE_FILE =
      define(
          KAFKA_TLS,
          "truststoreFile",
          STRING,
          Default.absentMeans("caFile, or the JVM's trusted CAs"),
          new Described(FILE),
          "A truststore (PKCS12 or JKS) instead of caFile.");

  static final ConfigKey KAFKA_TLS_TRUSTSTORE_TYPE =
      define(
          KAFKA_TLS,
          "truststoreType",
          STRING,
          Default.of("PKCS12"),
          storeType(),
          "The truststore's format.");

  static final ConfigKey KAFKA_TLS_TRUSTSTORE_PASSWORD_ENV =
      secretEnv(
          KAFKA_TLS,
          "truststorePasswordEnv",
          "The environment variable that holds the truststore's password, if it has one.");

  static final ConfigKey KAFKA_TLS_TRUSTSTORE_PASSWORD_FILE =
      secretFile(
          KAFKA_TLS,
          "truststorePasswordFile",
          "A file that holds the truststore's password.",
          "truststorePasswordEnv");

  static final ConfigKey KAFKA_TLS_CERT_FILE =
      define(
          KAFKA_TLS,
          "certFile",
          STRING,
          Default.absentMeans("no client certificate"),
          new Described(FILE),
          "The client's certificate chain (PEM), for brokers that authenticate clients by"
              + " certificate (mutual TLS); with keyFile.");

  static final ConfigKey KAFKA_TLS_KEY_FILE =
      define(
          KAFKA_TLS,
          "keyFile",
          STRING,
          Default.requiredWhere("required with certFile"),
          new Described(FILE),
          "The client's private key (PEM, PKCS#8, not encrypted), with certFile.");

  static final ConfigKey KAFKA_TLS_KEYSTORE_FILE =
      define(
          KAFKA_TLS,
          "keystoreFile",
          STRING,
          Default.absentMeans("certFile + keyFile, or no client certificate"),
          new Described(FILE),
          "A keystore (PKCS12 or JKS) with the client's key and certificate, instead of certFile"
              + " and keyFile.");

  static final ConfigKey KAFKA_TLS_KEYSTORE_TYPE =
      define(
          KAFKA_TLS,
          "keystoreType",
          STRING,
          Default.of("PKCS12"),
          storeType(),
          "The keystore's format.");

  static final ConfigKey KAFKA_TLS_KEYSTORE_PASSWORD_ENV =
      secretEnv(
          KAFKA_TLS,
          "keystorePasswordEnv",
          "The environment variable that holds the keystore's (and its key's) password.");

  static final ConfigKey KAFKA_TLS_KEYSTORE_PASSWORD_FILE =
      secretFile(
          KAFKA_TLS,
          "keystorePasswordFile",
          "A file that holds the keystore's password.",
          "keystorePasswordEnv");

  static final ConfigKey KAFKA_TOPICS =
      define(
          KAFKA,
          "topics",
          MAPPING,
          Default.absentMeans("the defaults of its keys"),
          new Described("a mapping {changes, keys, deadLetters}"),
          "How durable each kind of topic is made. Topics are created so when missing; at start-up"
              + " an existing topic whose replication differs is reported, and one whose"
              + " replication factor is below its min.insync.replicas stops the service.");

  static final ConfigKey TOPICS_CHANGES =
      topicKind("changes", "`<topicPrefix>.<pipeline>.changes`");
  static final ConfigKey CHANGES_REPLICATION = replicationFactor(TOPICS_CHANGES);
  static final ConfigKey CHANGES_MIN_INSYNC = minInsyncReplicas(TOPICS_CHANGES);
  static final ConfigKey CHANGES_RETENTION =
      retention(TOPICS_CHANGES, TopicSettings.DEFAULT_RETENTION_MS);

  static final ConfigKey TOPICS_KEYS = topicKind("keys", "`<topicPrefix>.<pipeline>.keys`");
  static final ConfigKey KEYS_REPLICATION = replicationFactor(TOPICS_KEYS);
  static final ConfigKey KEYS_MIN_INSYNC = minInsyncReplicas(TOPICS_KEYS);
  static final ConfigKey KEYS_RETENTION =
      retention(TOPICS_KEYS, TopicSettings.DEFAULT_RETENTION_MS);

  static final ConfigKey TOPICS_DEAD_LETTERS =
      topicKind("deadLetters", "the dead-letter topic `<topicPrefix>.<pipeline>.dlq`");
  static final ConfigKey DEAD_LETTERS_REPLICATION = replicationFactor(TOPICS_DEAD_LETTERS);
  static final ConfigKey DEAD_LETTERS_MIN_INSYNC = minInsyncReplicas(TOPICS_DEAD_LETTERS);
  static final ConfigKey DEAD_LETTERS_RETENTION =
      retention(TOPICS_DEAD_LETTERS, TopicSettings.DEFAULT_DEAD_LETTER_RETENTION_MS);

  static final ConfigKey KAFKA_PROPERTIES =
      define(
          KAFKA,
          "properties",
          PROPERTIES,
          Default.absentMeans("none"),
          new Described("Kafka client settings, as in {ssl.endpoint.identification.algorithm: ''}"),
          "Kafka client settings widerow does not model, passed to every client (producer,"
              + " consumer, admin, Debezium's offset store and schema history). A setting widerow"
              + " makes itself is refused, naming the key that sets it.");

  // ---- elasticsearch

  static final ConfigKey ES_TLS =
      define(
          ELASTICSEARCH,
          "tls",
          MAPPING,
          Default.absentMeans("the JVM's trusted CAs"),
          new Described("a mapping {caFile} or {fingerprint}"),
          "Whom an https:// host must be certified by.");

  static final ConfigKey ES_TLS_CA_FILE =
      define(
          ES_TLS,
          "caFile",
          STRING,
          Default.absentMeans("fingerprint"),
          new Described(FILE),
          "The CA certificate (PEM) the nodes' certificates must chain to.");

  static final ConfigKey ES_TLS_FINGERPRINT =
      define(
          ES_TLS,
          "fingerprint",
          STRING,
          Default.absentMeans("caFile"),
          new Matching(
              Pattern.compile("(?i)[0-9a-f]{2}(:?[0-9a-f]{2}){31}"),
              "a SHA-256 fingerprint: 32 hex bytes, with or without colons"),
          "The SHA-256 fingerprint of the node's or its CA's certificate, as Elasticsearch prints"
              + " it at its first start; instead of caFile.");

  static final ConfigKey ES_AUTH =
      define(
          ELASTICSEARCH,
          "auth",
          MAPPING,
          Default.absentMeans("no credentials"),
          new Described(
              "a mapping {username, passwordEnv | passwordFile} or {apiKeyEnv | apiKeyFile}"),
          "The credentials every request carries: a user (basic auth) or an API key. Credentials"
              + " in a host URL (user:pass@) are refused.");

  static final ConfigKey ES_AUTH_USERNAME =
      define(
          ES_AUTH,
          "username",
          STRING,
          Default.requiredWhere("required with passwordEnv or passwordFile"),
          new Described("a user name"),
          "The user, authenticated by HTTP basic auth.");

  static final ConfigKey ES_AUTH_PASSWORD_ENV =
      secretEnv(ES_AUTH, "passwordEnv", "The environment variable that holds the user's password.");

  static final ConfigKey ES_AUTH_PASSWORD_FILE =
      secretFile(ES_AUTH, "passwordFile", "A file that holds the user's password.", "passwordEnv");

  static final ConfigKey ES_AUTH_API_KEY_ENV =
      secretEnv(
          ES_AUTH,
          "apiKeyEnv",
          "The environment variable that holds the encoded API key (base64 of id:key, the"
              + " `encoded` value Elasticsearch returns), sent as `Authorization: ApiKey ...`;"
              + " instead of a user.");

  static final ConfigKey ES_AUTH_API_KEY_FILE =
      secretFile(ES_AUTH, "apiKeyFile", "A file that holds the encoded API key.", "apiKeyEnv");

  // ---- hbase

  static final ConfigKey HBASE_CONFIG_DIR =
      define(
          HBASE,
          "configDir",
          STRING,
          Default.absentMeans("no configuration files"),
          new Described("a directory path"),
          "A directory whose hbase-site.xml and core-site.xml (those present) the client loads,"
              + " as the cluster's operators hand them out.");

  static final ConfigKey HBASE_SITE_FILE =
      define(
          HBASE,
          "siteFile",
          STRING,
          Default.absentMeans("no configuration files"),
          new Described(FILE),
          "One hbase-site.xml the client loads, instead of configDir.");

  static final ConfigKey HBASE_KERBEROS =
      define(
          HBASE,
          "kerberos",
          MAPPING,
          Default.absentMeans("no Kerberos, unless the configuration files say so"),
          new Described("a mapping {principal, keytab}"),
          "Logs in to a Kerberos-secured HBase from a keytab and sets"
              + " hbase.security.authentication=kerberos. Not tested against a KDC here.");

  static final ConfigKey HBASE_KERBEROS_PRINCIPAL =
      define(
          HBASE_KERBEROS,
          "principal",
          STRING,
          Default.REQUIRED,
          new Matching(
              Pattern.compile("[^\\s@]+(/[^\\s@]+)?@[^\\s@]+"),
              "a principal as in widerow@EXAMPLE.COM"),
          "The principal widerow logs in as.");

  static final ConfigKey HBASE_KERBEROS_KEYTAB =
      define(
          HBASE_KERBEROS,
          "keytab",
          STRING,
          Default.REQUIRED,
          new Described(FILE),
          "The principal's keytab (a mounted secret).");

  static final ConfigKey HBASE_PROPERTIES =
      define(
          HBASE,
          "properties",
          PROPERTIES,
          Default.absentMeans("none"),
          new Described("HBase/Hadoop client settings, as in {hbase.rpc.protection: privacy}"),
          "HBase and Hadoop client settings widerow does not model, set in the client's"
              + " configuration after the files. A setting widerow makes itself is refused, naming"
              + " the key that sets it.");

  private SecurityKeys() {}

  /** Loads the keys into {@link PipelineKeys}' table. */
  static void load() {}

  private static ConfigKey secretEnv(ConfigKey parent, String name, String doc) {
    return define(
        parent,
        name,
        STRING,
        Default.absentMeans("the " + name.replace("Env", "File") + " key"),
        ENV_VAR,
        doc + " A service that needs it stops with exit code 2 when it is not set.");
  }

  private static ConfigKey secretFile(ConfigKey parent, String name, String doc, String envKey) {
    return define(
        parent,
        name,
        STRING,
        Default.absentMeans("the " + envKey + " key"),
        new Described(FILE),
        doc + SECRET_FILE_DOC + envKey + ".");
  }

  private static Matching storeType() {
    return new Matching(Pattern.compile("PKCS12|JKS"), "PKCS12 or JKS");
  }

  private static ConfigKey topicKind(String name, String what) {
    return define(
        KAFKA_TOPICS,
        name,
        MAPPING,
        Default.absentMeans("the defaults of its keys"),
        new Described("a mapping {replicationFactor, minInsyncReplicas, retentionMs}"),
        "The durability of " + what + ".");
  }

  private static ConfigKey replicationFactor(ConfigKey kind) {
    return define(
        kind,
        "replicationFactor",
        Type.INTEGER,
        Default.of(TopicSettings.DEFAULT_REPLICATION_FACTOR),
        range(1, Short.MAX_VALUE),
        "Copies Kafka keeps of each partition. The default suits three brokers or more; a"
            + " one-broker cluster needs 1.");
  }

  private static ConfigKey minInsyncReplicas(ConfigKey kind) {
    return define(
        kind,
        "minInsyncReplicas",
        Type.INTEGER,
        Default.of(TopicSettings.DEFAULT_MIN_INSYNC_REPLICAS),
        new ConfigKey.Validator.Range(
            1, Short.MAX_VALUE, java.util.Optional.of("replicationFactor")),
        "The topic's min.insync.replicas: copies a write must reach before it counts (the"
            + " producers wait for all in-sync replicas), so that losing a broker loses nothing.");
  }

  private static ConfigKey retention(ConfigKey kind, long defaultMs) {
    return define(
        kind,
        "retentionMs",
        Type.INTEGER,
        Default.of(defaultMs),
        new ConfigKey.Validator.Range(-1, Long.MAX_VALUE, java.util.Optional.empty()),
        "How long the topic keeps records, in milliseconds; -1 keeps them forever. A consumer"
            + " group down for longer finds its position gone and stops, saying how to go on.");
  }
}
