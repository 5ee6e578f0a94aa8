package io.widerow.core.rowkey;

import com.google.common.hash.HashFunction;
import com.google.common.hash.Hashing;
import io.widerow.core.pipeline.HBaseSpec;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Rowkey = two hex digits of salt + {@code :} + entity key, so writes spread over pre-split
 * regions. Rowkeys are persisted: the hash, the format and a pipeline's bucket count never change.
 */
public final class RowKeyCodec {

  /** Two hex digits hold at most 256 salts. */
  public static final int MAX_SALT_BUCKETS = 256;

  private static final char SEPARATOR = ':';
  private static final int PREFIX_LENGTH = 3;

  // murmur3_32_fixed hashes bytes exactly as the deprecated murmur3_32 did (seed 0); only the
  // latter's hashString of non-BMP characters was wrong, and we hash UTF-8 bytes anyway.
  private static final HashFunction HASH = Hashing.murmur3_32_fixed();

  /** Every salt's two hex digits, made once: a salt is taken for every change ingest maps. */
  private static final String[] HEX = new String[MAX_SALT_BUCKETS];

  static {
    for (int bucket = 0; bucket < MAX_SALT_BUCKETS; bucket++) {
      HEX[bucket] = String.format("%02x", bucket);
    }
  }

  private final int saltBuckets;

  public RowKeyCodec(int saltBuckets) {
    if (saltBuckets < 1 || saltBuckets > MAX_SALT_BUCKETS) {
      throw new IllegalArgumentException(
          "saltBuckets " + saltBuckets + " is not valid; expected 1.." + MAX_SALT_BUCKETS);
    }
    this.saltBuckets = saltBuckets;
  }

  public static RowKeyCodec of(HBaseSpec hbase) {
    return new RowKeyCodec(hbase.saltBuckets());
  }

  public int saltBuckets() {
    return saltBuckets;
  }

  /** The rowkey of an entity key, as in {@code 0a:ORD-1}. */
  public String encode(String key) {
    if (key.isEmpty()) {
      throw new IllegalArgumentException("entity key is empty; expected at least one character");
    }
    return salt(key) + SEPARATOR + key;
  }

  /** The entity key of a rowkey; rejects rowkeys this codec would not have written. */
  public String decode(String rowkey) {
    if (rowkey.length() <= PREFIX_LENGTH
        || !isHexDigit(rowkey.charAt(0))
        || !isHexDigit(rowkey.charAt(1))
        || rowkey.charAt(2) != SEPARATOR) {
      throw new IllegalArgumentException(
          "rowkey '" + rowkey + "' is malformed; expected two lowercase hex digits, ':', the key");
    }
    String key = rowkey.substring(PREFIX_LENGTH);
    String expectedSalt = salt(key);
    // A salt that does not match means the rowkey was written with another bucket count.
    if (!rowkey.startsWith(expectedSalt)) {
      throw new IllegalArgumentException(
          "rowkey '"
              + rowkey
              + "' has salt "
              + rowkey.substring(0, 2)
              + "; expected "
              + expectedSalt
              + " for key '"
              + key
              + "' with "
              + saltBuckets
              + " salt buckets");
    }
    return key;
  }

  public byte[] toBytes(String rowkey) {
    return rowkey.getBytes(StandardCharsets.UTF_8);
  }

  /**
   * The first rowkey of each region after the first: {@code 01:}, {@code 02:} ... Lowercase hex
   * sorts as its number does, so bucket n lands in region n.
   */
  public List<byte[]> splitPoints() {
    List<byte[]> splits = new ArrayList<>(saltBuckets - 1);
    for (int bucket = 1; bucket < saltBuckets; bucket++) {
      splits.add(toBytes(hex(bucket) + SEPARATOR));
    }
    return splits;
  }

  private String salt(String key) {
    int hash = HASH.hashBytes(key.getBytes(StandardCharsets.UTF_8)).asInt();
    return hex(Math.floorMod(hash, saltBuckets));
  }

  private static String hex(int bucket) {
    return HEX[bucket];
  }

  private static boolean isHexDigit(char c) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
  }
}
