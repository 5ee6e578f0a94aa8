package io.widerow.ingest.debezium;

import io.debezium.data.Envelope;
import io.widerow.core.change.BinlogPosition;
import io.widerow.core.change.ChangeEvent;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.source.SourceRecord;

/**
 * Turns a Debezium change record of a MySQL-family connector into a {@link ChangeEvent}: a row
 * change, or a truncate of a whole table; anything else (tombstone, heartbeat, schema change)
 * becomes empty.
 */
final class RecordConverter {

  private static final String SNAPSHOT = "snapshot";

  /** Debezium's {@code SnapshotRecord} values of an initial snapshot's rows, bar the last one. */
  private static final Set<String> SNAPSHOT_GOES_ON =
      Set.of("true", "first", "first_in_data_collection", "last_in_data_collection");

  private final String sourceName;

  RecordConverter(String sourceName) {
    this.sourceName = sourceName;
  }

  /**
   * @throws IllegalArgumentException when the record is a row change this pipeline cannot read,
   *     naming what is missing; it becomes a dead letter
   */
  Optional<ChangeEvent> convert(SourceRecord record) {
    if (!(record.value() instanceof Struct value)
        || !Envelope.isEnvelopeSchema(record.valueSchema())) {
      return Optional.empty();
    }
    Optional<ChangeEvent.Op> op = op(value.getString(Envelope.FieldName.OPERATION));
    if (op.isEmpty()) {
      return Optional.empty();
    }
    Struct source = value.getStruct(Envelope.FieldName.SOURCE);
    if (source == null) {
      throw new IllegalArgumentException("change record has no 'source' block");
    }
    String file = source.getString("file");
    long fileNumber =
        BinlogPosition.fileNumberOf(file)
            .orElseThrow(
                () ->
                    new IllegalArgumentException(
                        "binlog file name '" + file + "' has no numeric extension"));
    BinlogPosition position =
        new BinlogPosition(fileNumber, source.getInt64("pos"), source.getInt32("row"));
    Long tsMs = source.getInt64("ts_ms");
    return Optional.of(
        new ChangeEvent(
            sourceName,
            source.getString("db"),
            source.getString("table"),
            op.get(),
            ColumnValues.of(value.getStruct(Envelope.FieldName.BEFORE)),
            ColumnValues.of(value.getStruct(Envelope.FieldName.AFTER)),
            position,
            tsMs == null ? 0 : tsMs));
  }

  /**
   * Whether the record was read by an initial snapshot that goes on after it: its {@code
   * source.snapshot} marks it as a snapshot row other than the snapshot's last ({@code last}),
   * which is the one that carries the completed offset. Streamed and incremental-snapshot records,
   * and anything without the marker, are not.
   */
  static boolean snapshotGoesOn(SourceRecord record) {
    if (!(record.value() instanceof Struct value)
        || value.schema().field(Envelope.FieldName.SOURCE) == null) {
      return false;
    }
    Struct source = value.getStruct(Envelope.FieldName.SOURCE);
    if (source == null || source.schema().field(SNAPSHOT) == null) {
      return false;
    }
    Object marker = source.get(SNAPSHOT);
    return marker != null && SNAPSHOT_GOES_ON.contains(marker.toString().toLowerCase(Locale.ROOT));
  }

  String sourceName() {
    return sourceName;
  }

  /** Where a record came from, for a dead letter when it cannot even be converted. */
  String where(SourceRecord record) {
    Object offset = record.sourceOffset();
    return sourceName + ":" + record.topic() + "@" + offset;
  }

  private static Optional<ChangeEvent.Op> op(String code) {
    if (code == null) {
      return Optional.empty();
    }
    return switch (code) {
      case "c" -> Optional.of(ChangeEvent.Op.CREATE);
      case "u" -> Optional.of(ChangeEvent.Op.UPDATE);
      case "d" -> Optional.of(ChangeEvent.Op.DELETE);
      case "r" -> Optional.of(ChangeEvent.Op.READ);
      // Truncate names no rows: its table's cells are buried (EngineProperties asks for it).
      case "t" -> Optional.of(ChangeEvent.Op.TRUNCATE);
      // Messages ("m") carry no rows.
      default -> Optional.empty();
    };
  }
}
