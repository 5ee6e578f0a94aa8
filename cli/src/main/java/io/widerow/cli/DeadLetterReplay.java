package io.widerow.cli;

import com.codahale.metrics.MetricRegistry;
import io.widerow.cli.kafka.DeadLetterTopic;
import io.widerow.cli.kafka.DeadLetterTopic.Letter;
import io.widerow.core.change.ChangeEvent;
import io.widerow.core.change.ChangeEventMapper;
import io.widerow.core.pipeline.Pipeline;
import io.widerow.core.retry.Retrier;
import io.widerow.core.row.KeyMessage;
import io.widerow.hbase.HBaseWideRowStore;
import io.widerow.ingest.ChangeLetters;
import io.widerow.ingest.IngestMetrics;
import io.widerow.ingest.WideRowWriter;
import io.widerow.ingest.debezium.RecordLetters;
import io.widerow.kafka.KafkaDeadLetterSink;
import io.widerow.kafka.KafkaKeyPublisher;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

/**
 * Sends dead letters through the stage that set them aside, by their {@code widerow.stage}: a
 * merger letter's record goes back to the changes topic, an indexer letter's to the keys topic, and
 * an ingest letter's change is mapped and stored again here, as ingest would (its cells written,
 * its key published to the changes topic). A letter that fails again is set aside again, by the
 * stage, with its new reason; replays are harmless otherwise (invariant 4).
 */
final class DeadLetterReplay implements AutoCloseable {

  /** Where a letter goes. */
  enum Route {
    MERGER,
    INDEXER,
    INGEST,
    /** Not replayable: the letter does not hold its record. */
    NONE
  }

  private final Pipeline pipeline;
  private final DeadLetterTopic topic;
  private HBaseWideRowStore store;
  private KafkaKeyPublisher changes;
  private KafkaDeadLetterSink deadLetters;
  private WideRowWriter writer;

  DeadLetterReplay(Pipeline pipeline, DeadLetterTopic topic) {
    this.pipeline = pipeline;
    this.topic = topic;
  }

  static Route route(Letter letter) {
    String stage = letter.stage();
    if (!letter.valueDropped().isEmpty() && !stage.startsWith("indexer")) {
      return Route.NONE;
    }
    if (stage.startsWith("merger")) {
      return letter.key() == null ? Route.NONE : Route.MERGER;
    }
    if (stage.startsWith("indexer")) {
      return letter.key() == null ? Route.NONE : Route.INDEXER;
    }
    if (stage.startsWith("ingest")) {
      return letter.value() == null ? Route.NONE : Route.INGEST;
    }
    return Route.NONE;
  }

  /** Why {@link #route} gives NONE, for the report. */
  static String whyNot(Letter letter) {
    if (!letter.valueDropped().isEmpty()) {
      return "its value ("
          + letter.valueDropped()
          + ") was too large to keep; mend the source row"
          + " and run widerow verify --repair";
    }
    return "it holds no record (stage '" + letter.stage() + "')";
  }

  /**
   * Sends the letter on.
   *
   * @return what was done, for the report
   */
  String replay(Letter letter) throws Exception {
    switch (route(letter)) {
      case MERGER -> {
        topic.publish(pipeline.topics().changes(), letter.key(), letter.value());
        return "sent to " + pipeline.topics().changes();
      }
      case INDEXER -> {
        // An older letter may hold the rowkey alone: any time will do, lag is measured from it.
        byte[] value =
            letter.value() != null
                ? letter.value()
                : new KeyMessage(
                        new String(letter.key(), StandardCharsets.UTF_8),
                        System.currentTimeMillis())
                    .encodeValue();
        topic.publish(pipeline.topics().keys(), letter.key(), value);
        return "sent to " + pipeline.topics().keys();
      }
      case INGEST -> {
        Optional<ChangeEvent> change = change(letter);
        if (change.isEmpty()) {
          return "skipped: the record holds no row change";
        }
        writer().write(List.of(change.get()), List.of());
        return "stored and its key sent to " + pipeline.topics().changes();
      }
      default -> {
        return "skipped: " + whyNot(letter);
      }
    }
  }

  private static Optional<ChangeEvent> change(Letter letter) {
    if (letter.stage().equals("ingest.mapper")) {
      return Optional.of(ChangeLetters.decode(letter.value()));
    }
    // ingest.debezium and ingest.writer hold the Debezium record; where = source:topic@offset.
    String where = letter.where();
    String source = where.contains(":") ? where.substring(0, where.indexOf(':')) : where;
    return RecordLetters.change(source, letter.key(), letter.value());
  }

  private WideRowWriter writer() throws Exception {
    if (writer == null) {
      IngestMetrics metrics = new IngestMetrics(new MetricRegistry());
      Retrier retrier = Retrier.forService("dlq replay", metrics.stage().retries());
      store = HBaseWideRowStore.open(pipeline.hbase());
      String client = "widerow-dlq-" + pipeline.name();
      changes =
          KafkaKeyPublisher.create(
              pipeline.kafka(), client + "-changes", pipeline.topics().changes());
      deadLetters =
          KafkaDeadLetterSink.create(
              pipeline.kafka(), client + "-letters", pipeline.topics().dlq());
      writer =
          new WideRowWriter(
              new ChangeEventMapper(pipeline),
              store,
              store,
              changes,
              deadLetters,
              retrier,
              metrics);
    }
    return writer;
  }

  @Override
  public void close() throws Exception {
    try (AutoCloseable s = store;
        AutoCloseable c = changes;
        AutoCloseable d = deadLetters) {
      // each closed, even when another fails
    }
  }
}
