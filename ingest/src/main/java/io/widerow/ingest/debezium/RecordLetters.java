package io.widerow.ingest.debezium;

import io.widerow.core.change.ChangeEvent;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.connect.data.SchemaAndValue;
import org.apache.kafka.connect.json.JsonConverter;
import org.apache.kafka.connect.json.JsonConverterConfig;
import org.apache.kafka.connect.source.SourceRecord;

/**
 * A Debezium record as a dead letter holds it: its key and value in Kafka Connect's JSON, schema
 * included, so that {@code widerow dlq replay} can turn the bytes back into the very record and
 * read it again once the cause is mended.
 */
public final class RecordLetters {

  private RecordLetters() {}

  /** The record's key, or null when it has none. */
  static byte[] key(SourceRecord record) {
    return record.key() == null && record.keySchema() == null
        ? null
        : converter(true).fromConnectData(record.topic(), record.keySchema(), record.key());
  }

  /** The record's value, or null when it has none. */
  static byte[] value(SourceRecord record) {
    return record.value() == null && record.valueSchema() == null
        ? null
        : converter(false).fromConnectData(record.topic(), record.valueSchema(), record.value());
  }

  /**
   * The change a letter's record holds.
   *
   * @param source the pipeline source it was read from
   * @return empty when the record is no row change (a tombstone, a schema change)
   * @throws IllegalArgumentException when the bytes are no record, or the record no change this
   *     pipeline can read
   */
  public static Optional<ChangeEvent> change(String source, byte[] key, byte[] value) {
    if (value == null) {
      return Optional.empty();
    }
    try {
      SchemaAndValue k = key == null ? SchemaAndValue.NULL : converter(true).toConnectData("", key);
      SchemaAndValue v = converter(false).toConnectData("", value);
      SourceRecord record =
          new SourceRecord(
              Map.of(), Map.of(), "", null, k.schema(), k.value(), v.schema(), v.value());
      return new RecordConverter(source).convert(record);
    } catch (org.apache.kafka.connect.errors.DataException e) {
      throw new IllegalArgumentException("not a Debezium record: " + e.getMessage(), e);
    }
  }

  private static JsonConverter converter(boolean isKey) {
    JsonConverter converter = new JsonConverter();
    converter.configure(Map.of(JsonConverterConfig.SCHEMAS_ENABLE_CONFIG, true), isKey);
    return converter;
  }
}
