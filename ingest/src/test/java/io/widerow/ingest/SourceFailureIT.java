package io.widerow.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.codahale.metrics.MetricRegistry;
import com.codahale.metrics.health.HealthCheckRegistry;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.widerow.core.pipeline.Pipeline;
import io.widerow.core.service.ExitCode;
import io.widerow.core.service.FatalException;
import io.widerow.kafka.KafkaClients;
import io.widerow.runtime.ServiceMain;
import io.widerow.stack.StackEndpoints;
import io.widerow.testkit.BadInputFixture;
import io.widerow.testkit.LocalStackExtension;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What no retry can mend stops ingest at once with a message that says what to fix and exit code 3,
 * as {@code widerow ingest --pipeline FILE} runs it: refused credentials, a database or table the
 * pipeline names but the source lacks, and offsets that point into a purged binlog.
 */
@ExtendWith(LocalStackExtension.class)
class SourceFailureIT {

  private static final Logger LOG = LoggerFactory.getLogger(SourceFailureIT.class);
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;

  @Test
  void wrongPasswordIsFatalNamingUserAndPasswordVariable(StackEndpoints stack) throws Exception {
    BadInputFixture it = withOneOrder(stack, "fatal_pw");
    String yaml = it.defaultYaml();

    assertThatThrownBy(() -> ingest(it, yaml, it.environment("not-the-password")).start())
        .isInstanceOf(FatalException.class)
        .hasMessageStartingWith("source src (" + stack.mariadbHost())
        .hasMessageContaining("refused user '" + stack.cdcUser() + "'")
        .hasMessageContaining("Access denied")
        .hasMessageContaining("'WIDEROW_BAD_INPUT_PASSWORD'");
    assertThat(runAsProcess(it, yaml, it.environment("not-the-password")))
        .isEqualTo(ExitCode.FATAL);
  }

  @Test
  void tablePatternMatchingNoTableIsFatalNamingThePattern(StackEndpoints stack) throws Exception {
    BadInputFixture it = withOneOrder(stack, "fatal_tbl");
    String yaml =
        it.yaml(
            stack.cdcUser(),
            it.db + "\\.order_typo_\\d+",
            "order_id: {from: orders.order_id, type: keyword}");

    assertThatThrownBy(() -> ingest(it, yaml, it.environment()).start())
        .isInstanceOf(FatalException.class)
        .hasMessage(
            "tables.orders.physical: pattern '"
                + it.db
                + "\\.order_typo_\\d+' matches no table on source src ("
                + stack.mariadbHost()
                + ":"
                + stack.mariadbPort()
                + ", databases ["
                + it.db
                + "]); expected at least one existing table (create it, or fix the pattern)");
    assertThat(runAsProcess(it, yaml, it.environment())).isEqualTo(ExitCode.FATAL);
  }

  @Test
  void databaseThatDoesNotExistIsFatal(StackEndpoints stack) throws Exception {
    BadInputFixture it = new BadInputFixture(stack, "fatal_db");

    assertThatThrownBy(() -> ingest(it, it.defaultYaml(), it.environment()).start())
        .isInstanceOf(FatalException.class)
        .hasMessageStartingWith(
            "sources.src.databases: database '" + it.db + "' does not exist on ");
  }

  @Test
  void offsetsInAPurgedBinlogAreFatalAndSayHowToRecover(StackEndpoints stack) throws Exception {
    BadInputFixture it = withOneOrder(stack, "fatal_purged");
    String yaml = it.defaultYaml();
    Pipeline pipeline = it.pipeline(yaml);
    ConsumerRecord<byte[], byte[]> stored;
    try (KafkaConsumer<byte[], byte[]> changes = it.consumer(pipeline.topics().changes())) {
      IngestService first = ingest(it, yaml, it.environment());
      first.start();
      try {
        BadInputFixture.awaitRecords(changes, "the snapshot's key", () -> {}, r -> !r.isEmpty());
        // Read while the engine runs: its periodic commit is retried, the one at stop is not.
        stored = lastStoredOffset(it, pipeline);
      } finally {
        first.stop();
      }
    }
    // What a PURGE BINARY LOGS does to a stopped pipeline, without purging the shared server's
    // binlogs under other tests' feet: the stored offset now names a file the server lacks.
    pointOffsetsAtMissingBinlog(it, pipeline, stored);

    IngestService again = ingest(it, yaml, it.environment());
    again.start();
    assertThatThrownBy(again::awaitStop)
        .isInstanceOf(FatalException.class)
        .hasMessageContaining("the binlog position in the stored offsets (topic")
        .hasMessageContaining("is no longer on the server");
    assertThat(runAsProcess(it, yaml, it.environment())).isEqualTo(ExitCode.FATAL);
  }

  private BadInputFixture withOneOrder(StackEndpoints stack, String prefix) throws Exception {
    BadInputFixture it = new BadInputFixture(stack, prefix);
    it.sql(
        "CREATE DATABASE " + it.db,
        "CREATE TABLE " + it.db + ".orders_0 (order_id BIGINT PRIMARY KEY, version BIGINT)",
        "INSERT INTO " + it.db + ".orders_0 VALUES (1, 1)");
    return it;
  }

  private static IngestService ingest(BadInputFixture it, String yaml, Map<String, String> env)
      throws Exception {
    return new IngestService(
        it.pipeline(yaml), new MetricRegistry(), new HealthCheckRegistry(), env::get);
  }

  /** How {@code widerow ingest --pipeline FILE} ends, with the password in its environment. */
  private ExitCode runAsProcess(BadInputFixture it, String yaml, Map<String, String> env)
      throws Exception {
    String[] args = {"--pipeline", it.file(yaml, dir).toString(), "--admin-port", "0"};
    return CompletableFuture.supplyAsync(
            () ->
                ServiceMain.run(
                    "ingest",
                    0,
                    args,
                    ctx ->
                        new IngestService(ctx.pipeline(), ctx.metrics(), ctx.health(), env::get)))
        .get(BadInputFixture.WAIT.toSeconds(), TimeUnit.SECONDS);
  }

  private static ConsumerRecord<byte[], byte[]> lastStoredOffset(
      BadInputFixture it, Pipeline pipeline) throws Exception {
    try (KafkaConsumer<byte[], byte[]> offsets = it.consumer(pipeline.topics().offsets())) {
      List<ConsumerRecord<byte[], byte[]>> stored =
          BadInputFixture.awaitRecords(offsets, "the stored offsets", () -> {}, r -> !r.isEmpty());
      return stored.get(stored.size() - 1);
    }
  }

  /**
   * Stores, after {@code last}, the same offset but naming a binlog file the server does not have.
   */
  private static void pointOffsetsAtMissingBinlog(
      BadInputFixture it, Pipeline pipeline, ConsumerRecord<byte[], byte[]> last) throws Exception {
    ObjectNode offset = (ObjectNode) JSON.readTree(last.value());
    LOG.info("stored offset {}", offset);
    offset.put("file", "mariadb-bin.000000");
    offset.remove("gtids");
    try (KafkaProducer<byte[], byte[]> producer =
        KafkaClients.producer(it.stack.kafkaBootstrap(), it.name + "-offsets")) {
      producer
          .send(
              new ProducerRecord<>(
                  pipeline.topics().offsets(), last.key(), JSON.writeValueAsBytes(offset)))
          .get(30, TimeUnit.SECONDS);
    }
    LOG.info("offset now {}", offset);
  }
}
