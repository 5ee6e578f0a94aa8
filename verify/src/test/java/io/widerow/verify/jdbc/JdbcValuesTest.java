package io.widerow.verify.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The formats pinned here are those ingest's Debezium adapter produces (see IngestIT). */
class JdbcValuesTest {

  @Test
  void datetimeIsEpochMillisOfItsWallClockReadAsUtc() {
    Column c = new Column("created_at", "datetime", "datetime(3)", 3);

    assertThat(JdbcValues.text("2024-05-01 10:00:00.123", c)).isEqualTo(1_714_557_600_123L);
    assertThat(JdbcValues.text("0000-00-00 00:00:00", c)).isNull();
  }

  @Test
  void timestampIsAnIsoUtcStringWithTheColumnsFractionDigits() {
    Column c = new Column("paid_at", "timestamp", "timestamp(3)", 3);

    assertThat(JdbcValues.text("2024-05-01 10:00:01", c)).isEqualTo("2024-05-01T10:00:01.000Z");
  }

  @Test
  void timeIsADurationWithMicrosecondsWhenNonZero() {
    Column c = new Column("t", "time", "time(6)", 6);

    assertThat(JdbcValues.text("-838:59:59.500000", c)).isEqualTo("-838:59:59.500000");
    assertThat(JdbcValues.text("01:02:03", c)).isEqualTo("01:02:03");
  }

  @Test
  void yearIsANumberAndDateStaysText() {
    assertThat(JdbcValues.text("2024", new Column("y", "year", "year(4)", 0))).isEqualTo(2024L);
    assertThat(JdbcValues.text("2024-05-01", new Column("d", "date", "date", 0)))
        .isEqualTo("2024-05-01");
  }

  @Test
  void bitOneIsABooleanAndWiderBitsAreLittleEndianBase64() {
    assertThat(JdbcValues.bits(new byte[] {1}, 1)).isEqualTo(true);
    assertThat(JdbcValues.bits(new byte[] {0x01, 0x02}, 16)).isEqualTo("AgE=");
  }
}
