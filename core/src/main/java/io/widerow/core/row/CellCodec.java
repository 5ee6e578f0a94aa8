package io.widerow.core.row;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Encodes a source row's columns as a cell value: a JSON object for a live row, zero bytes for a
 * tombstone. Numbers keep their exactness: decimals are strings from the source already, and
 * integers decode as Long.
 */
public final class CellCodec {

  private static final byte[] TOMBSTONE = new byte[0];
  private static final TypeReference<LinkedHashMap<String, Object>> COLUMNS =
      new TypeReference<>() {};
  private static final ObjectMapper JSON =
      new ObjectMapper().enable(DeserializationFeature.USE_LONG_FOR_INTS);
  // Resolved once: readValue(byte[], TypeReference) resolves the type again on every cell.
  private static final ObjectReader COLUMNS_READER = JSON.readerFor(COLUMNS);

  private CellCodec() {}

  public static byte[] encode(SourceRow row) {
    if (row.deleted()) {
      return TOMBSTONE;
    }
    try {
      return JSON.writeValueAsBytes(row.columns());
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(
          "columns of " + row.qualifier() + " cannot be written as JSON", e);
    }
  }

  public static SourceRow decode(String qualifier, long timestamp, byte[] value) {
    String table = CellQualifier.table(qualifier);
    String childKey = CellQualifier.childKey(qualifier);
    if (value.length == 0) {
      return SourceRow.tombstone(table, childKey, timestamp);
    }
    return SourceRow.live(table, childKey, timestamp, decodeColumns(value));
  }

  private static Map<String, Object> decodeColumns(byte[] value) {
    try {
      return COLUMNS_READER.readValue(value);
    } catch (IOException e) {
      throw new UncheckedIOException("cell value is not a JSON object", e);
    }
  }
}
