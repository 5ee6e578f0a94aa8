package io.widerow.core.row;

import java.nio.charset.StandardCharsets;

/**
 * What the changes and keys topics carry: the rowkey (the Kafka key) and when the oldest source
 * change behind it was committed at the source (the value), so every stage can measure its lag.
 */
public record KeyMessage(String rowkey, long sourceTsMs) {

  /** HBase refuses a longer rowkey ({@code HConstants.MAX_ROW_LENGTH}), on every attempt. */
  public static final int MAX_ROWKEY_BYTES = Short.MAX_VALUE;

  public byte[] encodeValue() {
    return ("{\"ts\":" + sourceTsMs + "}").getBytes(StandardCharsets.US_ASCII);
  }

  /**
   * Decodes a message; a malformed one is a poison record for the dead-letter topic.
   *
   * @throws IllegalArgumentException naming what is wrong
   */
  public static KeyMessage decode(byte[] key, byte[] value) {
    if (key == null || key.length == 0) {
      throw new IllegalArgumentException("message has no key (rowkey)");
    }
    if (key.length > MAX_ROWKEY_BYTES) {
      throw new IllegalArgumentException(
          "key of "
              + key.length
              + " bytes is no rowkey: HBase's limit is "
              + MAX_ROWKEY_BYTES
              + " bytes");
    }
    if (value == null) {
      throw new IllegalArgumentException("message has no value");
    }
    String text = new String(value, StandardCharsets.US_ASCII).trim();
    if (!text.startsWith("{\"ts\":") || !text.endsWith("}")) {
      throw new IllegalArgumentException("value is not {\"ts\":<epoch ms>}");
    }
    try {
      long ts = Long.parseLong(text.substring(6, text.length() - 1).trim());
      return new KeyMessage(new String(key, StandardCharsets.UTF_8), ts);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("value has no numeric ts", e);
    }
  }
}
