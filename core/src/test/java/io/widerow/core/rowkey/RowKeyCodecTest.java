package io.widerow.core.rowkey;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class RowKeyCodecTest {

  private final RowKeyCodec codec = new RowKeyCodec(8);

  @Test
  void saltIsPinnedBecauseRowkeysArePersisted() {
    // murmur3_32 (x86, seed 0) of the UTF-8 key, checked against an independent implementation:
    // ORD-1 -> -620537149, ORD-2 -> 1413757313, 订单-1 -> -1691969189. If this fails, stored rows
    // would no longer be found under their keys.
    assertThat(codec.encode("ORD-1")).isEqualTo("03:ORD-1");
    assertThat(codec.encode("ORD-2")).isEqualTo("01:ORD-2");
    assertThat(new RowKeyCodec(256).encode("ORD-1")).isEqualTo("c3:ORD-1");
    assertThat(new RowKeyCodec(256).encode("订单-1")).isEqualTo("5b:订单-1");
    assertThat(new RowKeyCodec(1).encode("ORD-1")).isEqualTo("00:ORD-1");
  }

  @Test
  void decodeReturnsTheEncodedKey() {
    for (String key : List.of("ORD-1", "42", "订单-1", "a b", "x".repeat(500))) {
      assertThat(codec.decode(codec.encode(key))).isEqualTo(key);
    }
  }

  @Test
  void keysContainingTheSeparatorRoundTrip() {
    String rowkey = codec.encode("tenant:7:ORD-1");

    assertThat(rowkey).endsWith(":tenant:7:ORD-1").hasSize(3 + "tenant:7:ORD-1".length());
    assertThat(codec.decode(rowkey)).isEqualTo("tenant:7:ORD-1");
  }

  @Test
  void keysSpreadEvenlyOverAllBuckets() {
    int keys = 16_000;
    int[] perBucket = new int[8];
    IntStream.range(0, keys)
        .mapToObj(i -> codec.encode("ORD-" + i))
        .forEach(rowkey -> perBucket[Integer.parseInt(rowkey.substring(0, 2), 16)]++);

    // 2,000 expected per bucket; +-10% is far outside chance for a working hash.
    assertThat(Arrays.stream(perBucket).boxed().toList())
        .allSatisfy(count -> assertThat(count).isBetween(1_800, 2_200));
  }

  @Test
  void decodeRejectsMalformedRowkeys() {
    for (String malformed : List.of("ORD-1", "0A:ORD-1", "03-ORD-1", "03:", "3:ORD-1", "")) {
      assertThatIllegalArgumentException()
          .isThrownBy(() -> codec.decode(malformed))
          .withMessage(
              "rowkey '"
                  + malformed
                  + "' is malformed; expected two lowercase hex digits, ':', the key");
    }
  }

  @Test
  void decodeRejectsASaltFromAnotherBucketCount() {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> codec.decode("c3:ORD-1"))
        .withMessage(
            "rowkey 'c3:ORD-1' has salt c3; expected 03 for key 'ORD-1' with 8 salt buckets");
  }

  @Test
  void encodeRejectsAnEmptyKey() {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> codec.encode(""))
        .withMessage("entity key is empty; expected at least one character");
  }

  @Test
  void bucketCountIsOneTo256() {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> new RowKeyCodec(0))
        .withMessage("saltBuckets 0 is not valid; expected 1..256");
    assertThatIllegalArgumentException().isThrownBy(() -> new RowKeyCodec(257));
  }

  @Test
  void toBytesIsUtf8() {
    assertThat(codec.toBytes("5b:订单-1")).isEqualTo("5b:订单-1".getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void splitPointsStartEachBucketAfterTheFirst() {
    assertThat(codec.splitPoints())
        .extracting(bytes -> new String(bytes, StandardCharsets.UTF_8))
        .containsExactly("01:", "02:", "03:", "04:", "05:", "06:", "07:");
    assertThat(new RowKeyCodec(1).splitPoints()).isEmpty();
    List<byte[]> many = new RowKeyCodec(256).splitPoints();
    assertThat(many).hasSize(255);
    assertThat(new String(many.get(254), StandardCharsets.UTF_8)).isEqualTo("ff:");
  }

  @Test
  void everyRowkeyFallsInTheRegionOfItsBucket() {
    RowKeyCodec wide = new RowKeyCodec(32);
    List<byte[]> splits = wide.splitPoints();
    for (int i = 0; i < 2_000; i++) {
      String rowkey = wide.encode("ORD-" + i);
      int bucket = Integer.parseInt(rowkey.substring(0, 2), 16);
      // HBase puts a row in the region whose start key is the greatest one <= the row, bytewise.
      long region =
          splits.stream().filter(s -> Arrays.compareUnsigned(s, wide.toBytes(rowkey)) <= 0).count();
      assertThat(region).as(rowkey).isEqualTo(bucket);
    }
  }
}
