package io.widerow.ingest;

import io.widerow.core.row.CellCodec;
import io.widerow.core.row.KeyMessage;
import io.widerow.core.row.RowWrite;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;

/**
 * HBase's client refuses a cell larger than {@code hbase.client.keyvalue.maxsize} (10 MiB by
 * default) and a rowkey longer than 32,767 bytes before sending them, and would refuse them again
 * on every retry: a row whose cell would be larger, or whose entity key makes a longer rowkey, is a
 * record error, set aside so the pipeline moves on. Only rows big enough to possibly reach the
 * limit are encoded to measure them, so ordinary rows cost one pass over their values.
 */
final class CellSizeLimit {

  /** HBase's default {@code hbase.client.keyvalue.maxsize}. */
  static final int HBASE_DEFAULT_MAX_BYTES = 10 * 1024 * 1024;

  /** Room for the key part of a cell: lengths, family, timestamp and type. */
  private static final int KEY_OVERHEAD = 64;

  /**
   * JSON may spend up to 6 bytes on one char ({@code \u001f}); below this many chars of values a
   * cell cannot reach the limit.
   */
  private static final int WORST_BYTES_PER_CHAR = 6;

  /** A number, boolean or null takes fewer bytes than this in JSON. */
  private static final int SCALAR_BYTES = 32;

  private final int maxBytes;

  CellSizeLimit(int maxBytes) {
    this.maxBytes = maxBytes;
  }

  /** Why {@code write} cannot be stored, or empty when it fits. */
  Optional<String> check(RowWrite write) {
    // Checked by chars first: a rowkey has at most 3 bytes per char of UTF-16 (4 per pair).
    if (write.rowkey().length() * 3L > KeyMessage.MAX_ROWKEY_BYTES) {
      int bytes = write.rowkey().getBytes(StandardCharsets.UTF_8).length;
      if (bytes > KeyMessage.MAX_ROWKEY_BYTES) {
        return Optional.of(
            write.row().table()
                + ": the entity key makes a rowkey of "
                + bytes
                + " bytes, above HBase's limit of "
                + KeyMessage.MAX_ROWKEY_BYTES
                + " bytes per rowkey");
      }
    }
    if (write.row().deleted()
        || roughChars(write.row().columns()) * WORST_BYTES_PER_CHAR < maxBytes) {
      return Optional.empty();
    }
    long size =
        (long) CellCodec.encode(write.row()).length
            + write.rowkey().getBytes(StandardCharsets.UTF_8).length
            + write.row().qualifier().getBytes(StandardCharsets.UTF_8).length
            + KEY_OVERHEAD;
    if (size <= maxBytes) {
      return Optional.empty();
    }
    return Optional.of(
        write.row().qualifier()
            + ": the row's cell would take "
            + size
            + " bytes, above HBase's limit of "
            + maxBytes
            + " bytes per cell (hbase.client.keyvalue.maxsize)");
  }

  private static long roughChars(Map<String, Object> columns) {
    long chars = 0;
    for (Map.Entry<String, Object> column : columns.entrySet()) {
      chars += column.getKey().length() + 4;
      chars += column.getValue() instanceof String s ? s.length() : SCALAR_BYTES;
    }
    return chars;
  }
}
