package io.widerow.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.widerow.core.deadletter.DeadLetter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;

class KafkaDeadLetterSinkTest {

  private final MockProducer<byte[], byte[]> producer =
      new MockProducer<>(true, null, new ByteArraySerializer(), new ByteArraySerializer());
  private final KafkaDeadLetterSink sink = new KafkaDeadLetterSink(producer, "w.p.dlq");

  @Test
  void letterCarriesTheOriginalMessageWithStageReasonAndPositionAsHeaders() throws Exception {
    sink.send(List.of(new DeadLetter("merger", bytes("k"), bytes("v"), "bad", "t-0@7")));

    ProducerRecord<byte[], byte[]> sent = producer.history().get(0);
    assertThat(sent.topic()).isEqualTo("w.p.dlq");
    assertThat(sent.value()).isEqualTo(bytes("v"));
    assertThat(header(sent, "widerow.stage")).isEqualTo("merger");
    assertThat(header(sent, "widerow.reason")).isEqualTo("bad");
    assertThat(header(sent, "widerow.where")).isEqualTo("t-0@7");
    assertThat(sent.headers().lastHeader("widerow.value_dropped")).isNull();
  }

  @Test
  void valueTooLargeForKafkaIsLeftOutAndItsSizeNoted() throws Exception {
    byte[] huge = new byte[KafkaDeadLetterSink.MAX_VALUE_BYTES + 1];

    sink.send(List.of(new DeadLetter("ingest.mapper", null, huge, "too big", "s:db.t@1:4#0")));

    ProducerRecord<byte[], byte[]> sent = producer.history().get(0);
    assertThat(sent.value()).isNull();
    assertThat(header(sent, "widerow.reason")).isEqualTo("too big");
    assertThat(header(sent, "widerow.value_dropped")).isEqualTo("524289 bytes");
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private static String header(ProducerRecord<byte[], byte[]> record, String name) {
    return new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
  }
}
