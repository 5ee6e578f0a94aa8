package io.widerow.core.pipeline;

import static io.widerow.core.pipeline.ConfigKey.Type.BOOLEAN;
import static io.widerow.core.pipeline.ConfigKey.Type.INTEGER;
import static io.widerow.core.pipeline.ConfigKey.Type.LIST;
import static io.widerow.core.pipeline.ConfigKey.Type.LIST_OF_MAPPINGS;
import static io.widerow.core.pipeline.ConfigKey.Type.MAPPING;
import static io.widerow.core.pipeline.ConfigKey.Type.NAMED_MAPPINGS;
import static io.widerow.core.pipeline.ConfigKey.Type.NAMED_VALUES;
import static io.widerow.core.pipeline.ConfigKey.Type.STRING;

import io.widerow.core.pipeline.ConfigKey.Default;
import io.widerow.core.pipeline.ConfigKey.Type;
import io.widerow.core.pipeline.ConfigKey.Validator;
import io.widerow.core.pipeline.ConfigKey.Validator.Described;
import io.widerow.core.pipeline.ConfigKey.Validator.Matching;
import io.widerow.core.pipeline.ConfigKey.Validator.OneOf;
import io.widerow.core.pipeline.ConfigKey.Validator.Range;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Every key of the pipeline file, defined once with its type, default, allowed values and doc. The
 * sections read the file through these keys (an unknown key is an error), and {@link
 * ConfigurationDoc} writes docs/configuration.md from them, so neither can drift from the other.
 */
final class PipelineKeys {

  // Filled by define() in declaration order, which is also the order of the reference.
  private static final Map<String, ConfigKey> BY_PATH = new LinkedHashMap<>();

  /**
   * One worker per partition, at most this many: a worker spends most of its time waiting on a
   * server, so a few overlap well even on two cores, while every further consumer costs a
   * connection, fetch buffers and a share of each rebalance.
   */
  static final int MAX_DEFAULT_WORKERS = 4;

  /** Epoch ms is what the document builder writes; ISO strings stay valid for hand-made queries. */
  static final String DATE_FORMAT = "strict_date_optional_time||epoch_millis";

  static final String ANALYZER_EXPECTED =
      "a built-in analyzer ("
          + String.join(", ", Analysis.BUILT_IN_ANALYZERS)
          + ") or one of elasticsearch.analysis.analyzers";

  static final String NORMALIZER_EXPECTED =
      "lowercase or one of elasticsearch.analysis.normalizers";

  static final ConfigKey PIPELINE =
      define(
          null,
          "pipeline",
          STRING,
          Default.REQUIRED,
          new Matching(Names.PIPELINE, Names.PIPELINE_EXPECTED),
          "The pipeline's name. It is part of every topic name (see kafka.topicPrefix), of the"
              + " consumer groups `<pipeline>-merger` and `<pipeline>-indexer` and of the query"
              + " API's paths (`/v1/<pipeline>/...`).");

  // ---- sources

  static final ConfigKey SOURCES =
      define(
          null,
          "sources",
          LIST_OF_MAPPINGS,
          Default.REQUIRED,
          new Described("a source {name, connector, host, ...}"),
          "The source database instances. Ingest reads each with one Debezium engine.");

  static final ConfigKey SOURCE_NAME =
      define(
          SOURCES,
          "name",
          STRING,
          Default.REQUIRED,
          new Matching(Names.SOURCE, Names.SOURCE_EXPECTED),
          "The source's name, unique in the file. It is part of Debezium's logical server name"
              + " and offset keys, so keep it once the pipeline has run.");

  static final ConfigKey SOURCE_CONNECTOR =
      define(
          SOURCES,
          "connector",
          STRING,
          Default.REQUIRED,
          new OneOf(Source.Connector.class),
          "The Debezium connector that reads the source.");

  static final ConfigKey SOURCE_HOST =
      define(
          SOURCES,
          "host",
          STRING,
          Default.REQUIRED,
          new Matching(Names.HOST, Names.HOST_EXPECTED),
          "The database server's host.");

  static final ConfigKey SOURCE_PORT =
      define(
          SOURCES,
          "port",
          INTEGER,
          Default.REQUIRED,
          range(1, 65535),
          "The database server's port.");

  static final ConfigKey SOURCE_USER =
      define(
          SOURCES,
          "user",
          STRING,
          Default.REQUIRED,
          new Described("a user name"),
          "The user ingest connects as.");

  static final ConfigKey SOURCE_PASSWORD_ENV =
      define(
          SOURCES,
          "passwordEnv",
          STRING,
          Default.requiredWhere("required unless passwordFile is set"),
          new Matching(Names.ENV_VAR, Names.ENV_VAR_EXPECTED),
          "The environment variable that holds the user's password; the password itself is never"
              + " in the file. A service that connects to the source stops with exit code 2 when"
              + " the variable is not set.");

  // MySQL and MariaDB take server_id as an unsigned 32-bit integer.
  static final ConfigKey SOURCE_SERVER_ID =
      define(
          SOURCES,
          "serverId",
          INTEGER,
          Default.REQUIRED,
          range(1, 4_294_967_295L),
          "The replication client id (`server_id`) ingest presents to the server. Unique among the"
              + " file's sources and among all replication clients of one server: the server drops"
              + " one of two connections with the same id.");

  static final ConfigKey SOURCE_DATABASES =
      define(
          SOURCES,
          "databases",
          LIST,
          Default.absentMeans("every database a table pattern matches"),
          new Described("database names"),
          "The databases to capture.");

  // At about 100 bytes per held key, the default takes some 50 MB of ingest's heap and the
  // maximum some 5 GB.
  static final ConfigKey SOURCE_SNAPSHOT_KEY_LIMIT =
      define(
          SOURCES,
          "snapshotKeyLimit",
          INTEGER,
          Default.of(500_000),
          range(1, 50_000_000),
          "The most entity keys ingest holds back during the source's initial snapshot (about"
              + " 100 bytes of heap each) before it publishes them anyway. A snapshot of up to this"
              + " many entities indexes each once; a larger one indexes each once per round of this"
              + " many.");

  // ---- tables

  static final ConfigKey TABLES =
      defineNamed(
          null,
          "tables",
          "<table>",
          Default.REQUIRED,
          new Described("a table {physical, key, ...}"),
          "The logical tables of the entity, by name; a name matches `"
              + Names.TABLE.pattern()
              + "`. A name is the table's column qualifier in the wide row and the table part of"
              + " `from: table.column`.");

  static final ConfigKey TABLE_PHYSICAL =
      define(
          TABLES,
          "physical",
          STRING,
          Default.REQUIRED,
          new Described(
              "a regular expression over database.table, as in 'shop_\\d+\\.orders_\\d+'"),
          "The physical (sharded) tables that feed this logical table: the whole `database.table`"
              + " must match. No two tables may have the same pattern.");

  static final ConfigKey TABLE_KEY =
      define(
          TABLES,
          "key",
          STRING,
          Default.REQUIRED,
          new Described("the entity key column"),
          "The column that holds the entity key, the same value in every table of one entity; the"
              + " rowkey is made from it. It must be a kept column.");

  static final ConfigKey TABLE_PRIMARY_KEY =
      define(
          TABLES,
          "primaryKey",
          LIST,
          Default.REQUIRED,
          new Described("column names"),
          "The row's primary key columns; in a table of cardinality `many` they name the child row."
              + " They must be kept columns.");

  static final ConfigKey TABLE_CARDINALITY =
      define(
          TABLES,
          "cardinality",
          STRING,
          Default.REQUIRED,
          new OneOf(TableSpec.Cardinality.class),
          "How many rows one entity has in this table: `one`, or `many` (child rows, each kept under"
              + " `<table>#<primary key>` and indexed as an array or as nested objects).");

  static final ConfigKey TABLE_ROOT =
      define(
          TABLES,
          "root",
          BOOLEAN,
          Default.of(false),
          new Described("true or false"),
          "Whether this table's row decides that the entity exists: without it there is no"
              + " document. Exactly one table has `root: true`, and its cardinality is `one`.");

  static final ConfigKey TABLE_VERSION =
      define(
          TABLES,
          "version",
          MAPPING,
          Default.REQUIRED,
          new Described("{column: NAME} or {binlog: true}"),
          "Where a row's version comes from: the HBase cell timestamp that lets a later change win"
              + " over an earlier one that arrives late. Set exactly one of its two keys.");

  static final ConfigKey VERSION_COLUMN =
      define(
          TABLE_VERSION,
          "column",
          STRING,
          Default.requiredWhere("required unless binlog is set"),
          new Described("the version column"),
          "A kept column the application increases on every write. A delete takes the deleted"
              + " row's version + 1, so a re-inserted row must carry a higher version than that.");

  static final ConfigKey VERSION_BINLOG =
      define(
          TABLE_VERSION,
          "binlog",
          BOOLEAN,
          Default.requiredWhere("required unless column is set"),
          new Described("true"),
          "Takes the binlog position (file number, position, row index) as the version. It grows"
              + " per source server, not across a failover to a server with other binlog file"
              + " numbers.");

  static final ConfigKey TABLE_COLUMNS =
      define(
          TABLES,
          "columns",
          LIST,
          Default.absentMeans("all columns"),
          new Described("column names"),
          "The columns kept in the wide row, in this order; the others are dropped at ingest.");

  // ---- hbase

  static final ConfigKey HBASE =
      define(
          null,
          "hbase",
          MAPPING,
          Default.REQUIRED,
          new Described("a mapping {zookeeper, namespace, table, saltBuckets}"),
          "Where the wide rows live.");

  static final ConfigKey HBASE_ZOOKEEPER =
      define(
          HBASE,
          "zookeeper",
          STRING,
          Default.requiredWhere("required unless configDir or siteFile gives it"),
          new Described(Names.HOST_PORTS_EXPECTED),
          "The ZooKeeper quorum of the HBase cluster; overrides the configuration files'.");

  static final ConfigKey HBASE_NAMESPACE =
      define(
          HBASE,
          "namespace",
          STRING,
          Default.REQUIRED,
          new Matching(Names.HBASE_NAMESPACE, Names.HBASE_NAMESPACE_EXPECTED),
          "The HBase namespace of the table; created when missing.");

  static final ConfigKey HBASE_TABLE =
      define(
          HBASE,
          "table",
          STRING,
          Default.REQUIRED,
          new Matching(Names.HBASE_TABLE, Names.HBASE_TABLE_EXPECTED),
          "The HBase table that holds one wide row per entity; created, pre-split by salt bucket,"
              + " when missing.");

  // The salt is two hex digits (see RowKeyCodec), so at most 256 buckets.
  static final ConfigKey HBASE_SALT_BUCKETS =
      define(
          HBASE,
          "saltBuckets",
          INTEGER,
          Default.REQUIRED,
          range(1, 256),
          "How many salt prefixes spread the rowkeys, and how many regions the table is pre-split"
              + " into. Rowkeys depend on it: never change it for a table that holds rows.");

  // ---- kafka

  static final ConfigKey KAFKA =
      define(
          null,
          "kafka",
          MAPPING,
          Default.REQUIRED,
          new Described("a mapping {bootstrap, topicPrefix, partitions, workers}"),
          "The Kafka cluster and the pipeline's topics.");

  static final ConfigKey KAFKA_BOOTSTRAP =
      define(
          KAFKA,
          "bootstrap",
          STRING,
          Default.REQUIRED,
          new Described(Names.HOST_PORTS_EXPECTED),
          "The Kafka bootstrap servers.");

  static final ConfigKey KAFKA_TOPIC_PREFIX =
      define(
          KAFKA,
          "topicPrefix",
          STRING,
          Default.REQUIRED,
          new Matching(Names.TOPIC_PREFIX, Names.TOPIC_PREFIX_EXPECTED),
          "The first part of the pipeline's topic names: `<topicPrefix>.<pipeline>.changes`,"
              + " `.keys`, `.dlq`, `.ingest-offsets` and `.schema-history`. The longest must stay"
              + " within Kafka's 249 characters.");

  static final ConfigKey KAFKA_PARTITIONS =
      define(
          KAFKA,
          "partitions",
          INTEGER,
          Default.REQUIRED,
          range(1, Integer.MAX_VALUE),
          "Partitions of the changes and keys topics, created when missing; the merger's and the"
              + " indexer's consumers share them.");

  // More workers than partitions would sit idle: Kafka gives a partition to one consumer.
  static final ConfigKey KAFKA_WORKERS =
      define(
          KAFKA,
          "workers",
          INTEGER,
          Default.absentMeans("kafka.partitions, at most " + MAX_DEFAULT_WORKERS),
          new Range(1, Integer.MAX_VALUE, Optional.of("kafka.partitions")),
          "Consumers each merger and indexer process runs in parallel, so that one waits on HBase"
              + " or Elasticsearch while another works.");

  // ---- elasticsearch

  static final ConfigKey ELASTICSEARCH =
      define(
          null,
          "elasticsearch",
          MAPPING,
          Default.REQUIRED,
          new Described("a mapping {hosts, index, fields}"),
          "The search index and the document's fields.");

  static final ConfigKey ES_HOSTS =
      define(
          ELASTICSEARCH,
          "hosts",
          LIST,
          Default.REQUIRED,
          new Described("http:// or https:// URLs with a host, as in http://127.0.0.1:9200"),
          "The Elasticsearch nodes. Quote a `${...}` placeholder inside `[ ]`.");

  static final ConfigKey ES_INDEX =
      define(
          ELASTICSEARCH,
          "index",
          STRING,
          Default.REQUIRED,
          new Matching(Names.INDEX, Names.INDEX_EXPECTED),
          "The alias readers and writers use; the physical index behind it is `<index>-<n>`.");

  // The defaults of shards and replicas are Elasticsearch's own.
  static final ConfigKey ES_SHARDS =
      define(
          ELASTICSEARCH,
          "shards",
          INTEGER,
          Default.of(1),
          range(1, 1024),
          "Primary shards of the index; applies when the index is created.");

  static final ConfigKey ES_REPLICAS =
      define(
          ELASTICSEARCH,
          "replicas",
          INTEGER,
          Default.of(1),
          range(0, Integer.MAX_VALUE),
          "Replicas of each shard; applies when the index is created. A single node needs 0.");

  // Half of Elasticsearch's own 1 s: a change waits half the interval on average for the refresh
  // that makes it searchable, and at 1 s that alone was half of the measured lag.
  static final ConfigKey ES_REFRESH_INTERVAL_MS =
      define(
          ELASTICSEARCH,
          "refreshIntervalMs",
          INTEGER,
          Default.of(500),
          range(100, 3_600_000),
          "How often new writes become searchable, in milliseconds: the largest part of a change's"
              + " freshness. Lower is fresher and costs more merging. Also applied to an existing"
              + " index.");

  static final ConfigKey ES_ANALYSIS =
      define(
          ELASTICSEARCH,
          "analysis",
          MAPPING,
          Default.absentMeans("only the built-in analyzers and normalizers"),
          new Described("a mapping {analyzers, normalizers}"),
          "Custom analyzers and normalizers, written into the index settings when the index is"
              + " created; fields name them in `analyzer` and `normalizer`. Changing them for an"
              + " existing index needs a new index (the indexer refuses a mapping that differs).");

  static final ConfigKey ANALYZERS =
      defineNamed(
          ES_ANALYSIS,
          "analyzers",
          "<analyzer>",
          Default.absentMeans("none"),
          new Described("an analyzer {tokenizer, filters}"),
          "Custom analyzers by name; a name matches `"
              + Names.FIELD.pattern()
              + "` and is not a built-in analyzer's.");

  static final ConfigKey ANALYZER_TOKENIZER =
      define(
          ANALYZERS,
          "tokenizer",
          STRING,
          Default.of("standard"),
          new Matching(Names.ANALYSIS_PART, Names.ANALYSIS_PART_EXPECTED),
          "The tokenizer, as Elasticsearch names it (`standard`; others such as `whitespace` need"
              + " the analysis-common module).");

  static final ConfigKey ANALYZER_FILTERS =
      define(
          ANALYZERS,
          "filters",
          LIST,
          Default.absentMeans("no token filters"),
          new Described("token filter names, as in lowercase"),
          "Token filters applied in order, as Elasticsearch names them (`lowercase`, `stop`; others"
              + " such as `asciifolding` need the analysis-common module).");

  static final ConfigKey NORMALIZERS =
      defineNamed(
          ES_ANALYSIS,
          "normalizers",
          "<normalizer>",
          Default.absentMeans("none"),
          new Described("a normalizer {filters}"),
          "Custom normalizers for keyword fields, by name; a name matches `"
              + Names.FIELD.pattern()
              + "`.");

  static final ConfigKey NORMALIZER_FILTERS =
      define(
          NORMALIZERS,
          "filters",
          LIST,
          Default.REQUIRED,
          new Described("token filter names that work per character, as in lowercase"),
          "The normalizer's filters, applied in order.");

  static final ConfigKey ES_FIELDS =
      defineNamed(
          ELASTICSEARCH,
          "fields",
          "<field>",
          Default.REQUIRED,
          new Described(
              "a field {from: table.column, type: T}, {nested: table, fields: {...}}, {count: table},"
                  + " {sum|min|max|first|last: table.column, type: T} or {type: T} (a copyTo"
                  + " target)"),
          "The document's fields, by name; a name matches `"
              + Names.FIELD.pattern()
              + "` (no leading `_`, no dots) and is not `"
              + FieldsSection.ROWKEY_FIELD
              + "` nor `"
              + FieldsSection.DELETED_FIELD
              + "`. A field is a value `{from, type}`, nested objects `{nested, fields}`, a value"
              + " derived from all rows of a table (`count`, `sum`, `min`, `max`, `first`, `last`)"
              + " or a field filled only by other fields' `copyTo`. Every"
              + " document also has the field `"
              + FieldsSection.ROWKEY_FIELD
              + "`.");

  static final ConfigKey FIELD_FROM =
      define(
          ES_FIELDS,
          "from",
          STRING,
          Default.requiredWhere("required in a value field"),
          new Described("table.column, as in orders.status"),
          "The kept column the value comes from. From a table of cardinality `many` the field is"
              + " an array of the child rows' values (nulls left out), in primary-key order.");

  static final ConfigKey FIELD_TYPE =
      define(
          ES_FIELDS,
          "type",
          STRING,
          Default.requiredWhere("required in a value field"),
          new OneOf(FieldType.class),
          "The field's Elasticsearch type.");

  static final ConfigKey FIELD_DEFAULT =
      define(
          ES_FIELDS,
          "default",
          STRING,
          Default.absentMeans("no field when the table has no row"),
          new Described("a value of the field's type"),
          "The value of a field `from` a table of cardinality `one` when the entity has no row in"
              + " it (an order not paid yet: `default: 0`).");

  static final ConfigKey FIELD_COUNT =
      define(
          ES_FIELDS,
          "count",
          STRING,
          Default.requiredWhere("required in a count field"),
          new Described("a table (counts its rows) or table.column (counts non-null values)"),
          "Counts the entity's rows of the table (with `where`: the rows that match), or their"
              + " non-null values of the column. No rows count 0. Type `long` or `integer`.");

  static final ConfigKey FIELD_SUM =
      define(
          ES_FIELDS,
          "sum",
          STRING,
          Default.requiredWhere("required in a sum field"),
          new Described("table.column of a number column"),
          "Sums the column over the entity's rows (NULLs left out), in exact decimal arithmetic;"
              + " with `times` each row's value is first multiplied by another column. Type `long`,"
              + " `integer` (a sum with a fraction is then a record error), `double` or"
              + " `scaled_float`; the sum is written with its exact digits.");

  static final ConfigKey FIELD_MIN =
      define(
          ES_FIELDS,
          "min",
          STRING,
          Default.requiredWhere("required in a min field"),
          new Described("table.column"),
          "The smallest non-null value of the column over the entity's rows, compared by the"
              + " field's type (numbers by value, dates by instant, keywords as text); no values: no"
              + " field.");

  static final ConfigKey FIELD_MAX =
      define(
          ES_FIELDS,
          "max",
          STRING,
          Default.requiredWhere("required in a max field"),
          new Described("table.column"),
          "The largest non-null value of the column, as `min` compares.");

  static final ConfigKey FIELD_FIRST =
      define(
          ES_FIELDS,
          "first",
          STRING,
          Default.requiredWhere("required in a first field"),
          new Described("table.column"),
          "The column's value in the row that comes first by `by` (rows whose `by` or value is"
              + " NULL left out; ties in child-key order).");

  static final ConfigKey FIELD_LAST =
      define(
          ES_FIELDS,
          "last",
          STRING,
          Default.requiredWhere("required in a last field"),
          new Described("table.column"),
          "The column's value in the row that comes last by `by`, as `first` orders.");

  static final ConfigKey FIELD_BY =
      define(
          ES_FIELDS,
          "by",
          STRING,
          Default.requiredWhere("required in a first or last field"),
          new Described("a column of the same table"),
          "The ordering column of `first` and `last`, compared as numbers when both values are"
              + " numbers, else as text (ISO dates and epoch ms order correctly).");

  static final ConfigKey FIELD_TIMES =
      define(
          ES_FIELDS,
          "times",
          STRING,
          Default.absentMeans("each row's value alone"),
          new Described("a number column of the same table"),
          "Only in a sum: multiplies each row's value by this column first (a row where either is"
              + " NULL adds nothing), as in `{sum: order_item.quantity, times: price}` for the"
              + " items' total.");

  static final ConfigKey FIELD_WHERE =
      define(
          ES_FIELDS,
          "where",
          NAMED_VALUES,
          Default.absentMeans("every row"),
          new Described("column to a value or a list of values, as in {status: REFUNDED}"),
          "Only in a derived field: only rows whose every named column holds the value (or one of"
              + " the list) count. Values are compared as text: a DECIMAL `10.50` does not match"
              + " `10.5`.");

  static final ConfigKey FIELD_EMPTY =
      define(
          ES_FIELDS,
          "empty",
          STRING,
          Default.absentMeans("null"),
          new OneOf(Derivation.Empty.class),
          "Only in a sum: what a sum over no values is; `null` leaves the field out, `zero` writes"
              + " 0.");

  static final OptionKeys FIELD_OPTIONS = optionKeys(ES_FIELDS);

  static final ConfigKey FIELD_NESTED =
      define(
          ES_FIELDS,
          "nested",
          STRING,
          Default.requiredWhere("required in a nested field"),
          new Described("a table with cardinality many"),
          "Makes the field one nested object per child row of this table.");

  static final ConfigKey NESTED_FIELDS =
      defineNamed(
          ES_FIELDS,
          "fields",
          "<subfield>",
          Default.requiredWhere("required in a nested field"),
          new Described("a field {from: column, type: T}"),
          "The nested objects' fields, by name, named as document fields are.");

  static final ConfigKey NESTED_FIELD_FROM =
      define(
          NESTED_FIELDS,
          "from",
          STRING,
          Default.REQUIRED,
          new Described("a column of the nested table"),
          "The kept column of the nested table, without the table's name.");

  static final ConfigKey NESTED_FIELD_TYPE =
      define(
          NESTED_FIELDS,
          "type",
          STRING,
          Default.REQUIRED,
          new OneOf(FieldType.class),
          "The field's Elasticsearch type.");

  static final OptionKeys NESTED_FIELD_OPTIONS = optionKeys(NESTED_FIELDS);

  // ---- deadLetters

  static final ConfigKey DEAD_LETTERS =
      define(
          null,
          "deadLetters",
          MAPPING,
          Default.absentMeans("the defaults of its keys"),
          new Described("a mapping {maxPerMinute}"),
          "Records a stage cannot process (a row without its key, a document the mapping refuses,"
              + " a message that does not decode) go to the topic `<topicPrefix>.<pipeline>.dlq`"
              + " with the stage, the reason and where, and the pipeline moves on; `widerow dlq"
              + " list` shows them and `widerow dlq replay` sends them through their stage again"
              + " once the cause is mended.");

  static final ConfigKey DEAD_LETTERS_MAX_PER_MINUTE =
      define(
          DEAD_LETTERS,
          "maxPerMinute",
          INTEGER,
          Default.of(DeadLetterSpec.DEFAULT_MAX_PER_MINUTE),
          range(1, Integer.MAX_VALUE),
          "Most records one service may set aside within a minute. Above it the service stops"
              + " with exit code 3 and says why, rather than set a whole table aside: so many"
              + " failures are a cause to mend (a changed schema, a mapping, a bug), not bad"
              + " records.");

  /** The mapping options of a field, defined alike for document fields and nested fields. */
  record OptionKeys(
      ConfigKey scalingFactor,
      ConfigKey subfields,
      ConfigKey subfieldType,
      ConfigKey subfieldAnalyzer,
      ConfigKey subfieldNormalizer,
      ConfigKey index,
      ConfigKey docValues,
      ConfigKey nullValue,
      ConfigKey copyTo,
      ConfigKey format,
      ConfigKey analyzer,
      ConfigKey normalizer) {

    List<ConfigKey> all() {
      return List.of(
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
  }

  private static OptionKeys optionKeys(ConfigKey field) {
    ConfigKey scalingFactor =
        define(
            field,
            "scalingFactor",
            INTEGER,
            Default.requiredWhere("required with type scaled_float"),
            range(1, 1_000_000_000),
            "The `scaling_factor` of a `scaled_float`: values are stored as round(value x factor),"
                + " so 100 keeps cents.");
    ConfigKey subfields =
        defineNamed(
            field,
            "subfields",
            "<name>",
            Default.absentMeans("none"),
            new Described("a sub-field {type: keyword|text, analyzer, normalizer}"),
            "Multi-fields of a `text` or `keyword` field: the same value indexed again as"
                + " `<field>.<name>`, e.g. a `keyword` sub-field of a title for exact match, sort"
                + " and terms aggregations.");
    ConfigKey subfieldType =
        define(
            subfields,
            "type",
            STRING,
            Default.REQUIRED,
            new Described("keyword or text"),
            "The sub-field's type.");
    ConfigKey subfieldAnalyzer =
        define(
            subfields,
            "analyzer",
            STRING,
            Default.absentMeans("standard"),
            new Described(ANALYZER_EXPECTED),
            "Only for a `text` sub-field: its analyzer, e.g. `cjk` next to a `standard` parent.");
    ConfigKey subfieldNormalizer =
        define(
            subfields,
            "normalizer",
            STRING,
            Default.absentMeans("none"),
            new Described(NORMALIZER_EXPECTED),
            "Only for a `keyword` sub-field: its normalizer.");
    ConfigKey index =
        define(
            field,
            "index",
            BOOLEAN,
            Default.of(true),
            new Described("true or false"),
            "`false`: the value is kept in the document (and sortable through doc values) but not"
                + " searchable.");
    ConfigKey docValues =
        define(
            field,
            "docValues",
            BOOLEAN,
            Default.of(true),
            new Described("true or false"),
            "`false`: the field cannot be sorted on or aggregated, and takes less disk. Not for"
                + " `text`, `object` or nested fields, which have none.");
    ConfigKey nullValue =
        define(
            field,
            "nullValue",
            STRING,
            Default.absentMeans("a NULL is not indexed"),
            new Described("a value of the field's type"),
            "What a NULL (and an empty `many` table) is indexed as (`null_value`), so that it can"
                + " be searched for; `_source` keeps no value. Not for `text`, `object` or"
                + " `flattened`.");
    ConfigKey copyTo =
        define(
            field,
            "copyTo",
            LIST,
            Default.absentMeans("none"),
            new Described("names of document fields of type text or keyword"),
            "Fields the value is also indexed into (`copy_to`), as in one catch-all field a search"
                + " without a field name reaches. A target is often a field `{type: text}` with"
                + " no value of its own.");
    ConfigKey format =
        define(
            field,
            "format",
            STRING,
            Default.absentMeans(DATE_FORMAT),
            new Described(
                "Elasticsearch date format names or java.time patterns separated by ||, as in"
                    + " yyyy-MM-dd||epoch_millis"),
            "Only for a `date`: the formats a query's dates may be written in. `epoch_millis` is"
                + " always added, since documents carry dates as epoch milliseconds.");
    ConfigKey analyzer =
        define(
            field,
            "analyzer",
            STRING,
            Default.absentMeans("standard"),
            new Described(ANALYZER_EXPECTED),
            "Only for `text`: the analyzer at index and search time. `cjk` (bigrams for Chinese,"
                + " Japanese and Korean) and the language analyzers need Elasticsearch's"
                + " analysis-common module, which the minimal distribution lacks.");
    ConfigKey normalizer =
        define(
            field,
            "normalizer",
            STRING,
            Default.absentMeans("none: values are indexed as they are"),
            new Described(NORMALIZER_EXPECTED),
            "Only for `keyword`: the normalizer applied to values and query terms, as in"
                + " `lowercase` for case-insensitive exact match.");
    return new OptionKeys(
        scalingFactor,
        subfields,
        subfieldType,
        subfieldAnalyzer,
        subfieldNormalizer,
        index,
        docValues,
        nullValue,
        copyTo,
        format,
        analyzer,
        normalizer);
  }

  private PipelineKeys() {}

  /** Every key, parents before their children, in the reference's order. */
  static List<ConfigKey> all() {
    return List.copyOf(BY_PATH.values());
  }

  static {
    // The query API's and the security keys are tables of their own; loading them here puts
    // them in this one.
    QueryKeys.load();
    SecurityKeys.load();
  }

  static Optional<ConfigKey> byPath(String path) {
    return Optional.ofNullable(BY_PATH.get(path));
  }

  /** The keys of the mappings at {@code members} (the file's own keys for ""), in order. */
  static List<ConfigKey> childrenOf(String members) {
    return BY_PATH.values().stream().filter(key -> key.parent().equals(members)).toList();
  }

  /** The default of {@code kafka.workers}: one worker per partition, at most a few. */
  static int defaultWorkers(int partitions) {
    return Math.max(1, Math.min(partitions, MAX_DEFAULT_WORKERS));
  }

  static Range range(long min, long max) {
    return new Range(min, max, Optional.empty());
  }

  static ConfigKey define(
      ConfigKey parent, String name, Type type, Default defaults, Validator validator, String doc) {
    if (type == NAMED_MAPPINGS) {
      throw new IllegalArgumentException(name + ": define a mapping of names with defineNamed");
    }
    String members =
        switch (type) {
          case MAPPING -> path(parent, name);
          case LIST_OF_MAPPINGS -> path(parent, name) + "[]";
          default -> "";
        };
    return register(parent, name, type, defaults, validator, members, doc);
  }

  private static ConfigKey defineNamed(
      ConfigKey parent,
      String name,
      String entry,
      Default defaults,
      Validator validator,
      String doc) {
    String members = path(parent, name) + "." + entry;
    return register(parent, name, NAMED_MAPPINGS, defaults, validator, members, doc);
  }

  private static ConfigKey register(
      ConfigKey parent,
      String name,
      Type type,
      Default defaults,
      Validator validator,
      String members,
      String doc) {
    if (parent != null && parent.members().isEmpty()) {
      throw new IllegalArgumentException(name + ": " + parent.path() + " holds no keys");
    }
    String parentPath = parent == null ? "" : parent.members();
    ConfigKey key =
        new ConfigKey(
            path(parent, name), parentPath, name, type, defaults, validator, members, doc);
    if (BY_PATH.putIfAbsent(key.path(), key) != null) {
      throw new IllegalArgumentException(key.path() + " is defined twice");
    }
    return key;
  }

  private static String path(ConfigKey parent, String name) {
    return parent == null ? name : parent.members() + "." + name;
  }
}
