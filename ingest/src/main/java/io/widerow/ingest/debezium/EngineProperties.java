package io.widerow.ingest.debezium;

import io.widerow.core.pipeline.Pipeline;
import io.widerow.core.pipeline.Source;
import io.widerow.core.pipeline.TableSpec;
import io.widerow.core.retry.RetrySettings;
import io.widerow.kafka.KafkaConnection;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import java.util.function.Function;
import java.util.stream.Collectors;

/** The Debezium embedded engine's configuration for one source of a pipeline. */
public final class EngineProperties {

  static final String MARIADB_CONNECTOR = "io.debezium.connector.mariadb.MariaDbConnector";
  static final String MYSQL_CONNECTOR = "io.debezium.connector.mysql.MySqlConnector";

  /**
   * How often the engine commits the offsets of acknowledged batches. Short, so that a kill -9
   * replays seconds of changes, not the default minute.
   */
  static final Duration OFFSET_FLUSH_INTERVAL = Duration.ofSeconds(1);

  /**
   * How long one commit of the offsets may wait for Kafka. The default 5 s is too short on a busy
   * machine, and the commit made while the engine stops is not retried: a stop whose commit timed
   * out takes its last seconds of changes, or a finished snapshot, again at the next start.
   */
  static final Duration OFFSET_FLUSH_TIMEOUT = Duration.ofSeconds(30);

  /** Most changes handed to the writer at once; one HBase batch and one publish each. */
  static final int MAX_BATCH_SIZE = 4096;

  static final Duration POLL_INTERVAL = Duration.ofMillis(50);

  /**
   * Rows an incremental snapshot reads per chunk (Debezium's default). Each chunk is one SELECT
   * between two watermark rows in the signal table, and one batch for the writer.
   */
  public static final int INCREMENTAL_CHUNK_SIZE = 1024;

  /** The database of the pipelines' Debezium signal tables on every source. */
  public static final String SIGNAL_DATABASE = "widerow";

  /** MariaDB's and MySQL's longest table name. */
  private static final int MAX_TABLE_NAME = 64;

  private EngineProperties() {}

  /**
   * @param password the source's password, already read from its environment variable
   */
  public static Properties of(Pipeline pipeline, Source source, String password) {
    return of(pipeline, source, password, false);
  }

  /**
   * @param signals whether the source's signal table is usable ({@code ingest.jdbc.SignalTable})
   */
  public static Properties of(Pipeline pipeline, Source source, String password, boolean signals) {
    return of(pipeline, source, password, signals, KafkaConnection.properties(pipeline.kafka()));
  }

  /**
   * @param kafka the settings every Kafka client of the pipeline shares ({@link KafkaConnection})
   */
  static Properties of(
      Pipeline pipeline,
      Source source,
      String password,
      boolean signals,
      Map<String, String> kafka) {
    Properties p = new Properties();
    // First, so that nothing below can be overridden by them (the file refuses owned keys too).
    p.putAll(source.properties());
    p.setProperty("name", engineName(pipeline, source));
    p.setProperty(
        "connector.class",
        source.connector() == Source.Connector.MYSQL ? MYSQL_CONNECTOR : MARIADB_CONNECTOR);
    // The logical server name keys the offsets: it must never change for a running pipeline.
    p.setProperty("topic.prefix", topicPrefix(pipeline, source));
    p.setProperty("topic.naming.strategy", CachedTopicNaming.class.getName());
    p.setProperty("database.hostname", source.host());
    p.setProperty("database.port", String.valueOf(source.port()));
    p.setProperty("database.user", source.user());
    p.setProperty("database.password", password);
    p.setProperty("database.server.id", String.valueOf(source.serverId()));
    SourceTlsProperties.apply(p, source);
    if (!source.databases().isEmpty()) {
      p.setProperty("database.include.list", String.join(",", source.databases()));
    }
    p.setProperty("table.include.list", tableIncludeList(pipeline));
    p.setProperty("snapshot.mode", "initial");
    p.setProperty("decimal.handling.mode", "string");
    p.setProperty("include.schema.changes", "false");
    p.setProperty("tombstones.on.delete", "false");
    // Debezium skips TRUNCATE TABLE by default ("t"); ingest buries the truncated table's cells.
    p.setProperty("skipped.operations", "none");
    boundRetries(p, RetrySettings.DEFAULT);
    batching(p);
    if (signals) {
      signals(p, pipeline, source);
    }

    p.setProperty("offset.storage", KafkaOffsetStore.class.getName());
    // The offset store's producer, consumer and admin take the engine's own top-level keys.
    p.putAll(kafka);
    p.setProperty("offset.storage.topic", pipeline.topics().offsets());
    p.setProperty("offset.storage.partitions", "1");
    // -1 takes the broker's default, so one file serves a one-broker stack and a cluster.
    p.setProperty("offset.storage.replication.factor", "-1");
    p.setProperty("offset.flush.interval.ms", String.valueOf(OFFSET_FLUSH_INTERVAL.toMillis()));
    p.setProperty("offset.flush.timeout.ms", String.valueOf(OFFSET_FLUSH_TIMEOUT.toMillis()));

    p.setProperty(
        "schema.history.internal", "io.debezium.storage.kafka.history.KafkaSchemaHistory");
    p.setProperty("schema.history.internal.kafka.topic", pipeline.topics().schemaHistory());
    p.setProperty(
        "schema.history.internal.kafka.bootstrap.servers", kafka.get("bootstrap.servers"));
    // The schema history opens its own producer and consumer, configured under these prefixes.
    kafka.forEach(
        (key, value) -> {
          p.setProperty("schema.history.internal.producer." + key, value);
          p.setProperty("schema.history.internal.consumer." + key, value);
        });
    // Only the captured databases' DDL (other schemas' DDL may not even parse), but all of it:
    // a table created or renamed into a pattern later (online schema change tools rename their
    // copy over the table) must have its schema in the history, or a restarted engine cannot
    // read its rows.
    p.setProperty("schema.history.internal.store.only.captured.tables.ddl", "false");
    p.setProperty("schema.history.internal.store.only.captured.databases.ddl", "true");
    return p;
  }

  /**
   * How the engine hands changes over. A batch is handed over when it is full or when {@code
   * poll.interval.ms} has passed since the last one: the default 500 ms would add up to half a
   * second to every change's freshness at moderate rates, so we wait 50 ms. Under load batches
   * still fill up to {@code max.batch.size}, and the queue holds two more while one is written.
   *
   * <p>The snapshot reads one table at a time. With {@code snapshot.max.threads} above 1, Debezium
   * 3.5 leaks a connection when it is stopped mid-snapshot: a table reader still holding its pooled
   * connection returns it after the pool was closed, so its open transaction keeps that table
   * locked against DDL on the source until the process exits. Ingest's snapshot is not bound by
   * Debezium's reading (see docs/benchmarks.md), so one thread costs little.
   */
  static void batching(Properties p) {
    p.setProperty("max.batch.size", String.valueOf(MAX_BATCH_SIZE));
    p.setProperty("max.queue.size", String.valueOf(4 * MAX_BATCH_SIZE));
    p.setProperty("poll.interval.ms", String.valueOf(POLL_INTERVAL.toMillis()));
    p.setProperty("snapshot.max.threads", "1");
  }

  /**
   * Incremental snapshots, asked for by an {@code execute-snapshot} row in the signal table ({@code
   * widerow snapshot}, or ingest itself for tables new to the pipeline file). The engine reads the
   * signal table's changes from the binlog, so the table is captured like a pipeline table (ingest
   * skips its rows as a table the pipeline does not map); each chunk is read between two watermark
   * rows the engine inserts there ({@code insert_insert}: they stay, and {@code widerow snapshot}
   * counts them to follow the progress). Chunk rows arrive as reads ({@code op r}) carrying their
   * row versions, through the same writer as every change.
   */
  static void signals(Properties p, Pipeline pipeline, Source source) {
    String signalTable = signalTable(pipeline);
    p.setProperty("signal.enabled.channels", "source");
    p.setProperty("signal.data.collection", signalTable);
    p.setProperty("incremental.snapshot.chunk.size", String.valueOf(INCREMENTAL_CHUNK_SIZE));
    p.setProperty("incremental.snapshot.watermarking.strategy", "insert_insert");
    p.setProperty(
        "table.include.list",
        p.getProperty("table.include.list") + "," + signalTable.replace(".", "\\."));
    if (!source.databases().isEmpty()) {
      p.setProperty(
          "database.include.list", p.getProperty("database.include.list") + "," + SIGNAL_DATABASE);
    }
  }

  /**
   * {@code widerow.signal_<pipeline>}: one signal table per pipeline, so that an engine never sees
   * another pipeline's signals or watermarks (Debezium would take a signal naming tables it does
   * not capture as a request to read them). A name past 64 characters keeps its start and a hash.
   */
  public static String signalTable(Pipeline pipeline) {
    String table = "signal_" + pipeline.name();
    if (table.length() > MAX_TABLE_NAME) {
      String hash = Integer.toHexString(pipeline.name().hashCode());
      table = table.substring(0, MAX_TABLE_NAME - hash.length() - 1) + "_" + hash;
    }
    return SIGNAL_DATABASE + "." + table;
  }

  /**
   * Debezium retries connection errors on its own, by default without limit: bound it by the budget
   * every other stage has, so a source that stays down ends the service visibly.
   */
  static void boundRetries(Properties p, RetrySettings retry) {
    p.setProperty("errors.max.retries", String.valueOf(retriesWithin(retry)));
    p.setProperty("errors.retry.delay.initial.ms", String.valueOf(retry.initialDelay().toMillis()));
    p.setProperty("errors.retry.delay.max.ms", String.valueOf(retry.maxDelay().toMillis()));
  }

  /** How many doubling delays, capped at the maximum, fit in the retry's time budget. */
  static int retriesWithin(RetrySettings retry) {
    long budget = retry.maxElapsed().toMillis();
    long delay = retry.initialDelay().toMillis();
    long spent = 0;
    int retries = 0;
    while (spent + delay <= budget) {
      spent += delay;
      retries++;
      delay = Math.min(delay * 2, retry.maxDelay().toMillis());
    }
    return Math.max(1, retries);
  }

  /** {@code <prefix>.<pipeline>.<source>}: unique per source, stable across restarts. */
  public static String topicPrefix(Pipeline pipeline, Source source) {
    return pipeline.kafka().topicPrefix() + "." + pipeline.name() + "." + source.name();
  }

  public static String engineName(Pipeline pipeline, Source source) {
    return "widerow-" + pipeline.name() + "-ingest-" + source.name();
  }

  /**
   * The logical tables' patterns over {@code database.table}, which is also what Debezium's list
   * matches (whole identifier); a comma inside a pattern is escaped, as the list splits on commas.
   */
  static String tableIncludeList(Pipeline pipeline) {
    return pipeline.tables().values().stream()
        .map(TableSpec::physical)
        .map(pattern -> pattern.pattern().replace(",", "\\,"))
        .collect(Collectors.joining(","));
  }

  /**
   * The source's password; a missing variable or unreadable file is bad config (exit code 2) naming
   * the key and where the password was looked for.
   *
   * @param environment environment variables by name, {@code System::getenv} in a service
   */
  public static String passwordOf(Source source, Function<String, String> environment) {
    return source.password().reveal(environment);
  }
}
