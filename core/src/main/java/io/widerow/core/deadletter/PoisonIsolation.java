package io.widerow.core.deadletter;

import io.widerow.core.retry.Failures;
import io.widerow.core.retry.Retrier;
import io.widerow.core.row.IncomingMessage;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The last line against a poison message: when a poll fails in a way its input causes ({@link
 * Failures#isDeterministic}; a failure of a server is thrown on, to be retried or to stop the
 * service), its messages are handled again one at a time, and each that still fails alone becomes a
 * dead letter holding the message, the failure and where it sat. Handling a message twice is
 * harmless (invariant 4), so the ones that pass are simply done again.
 */
public final class PoisonIsolation {

  /** Handles messages; returns once their effects are acknowledged. */
  @FunctionalInterface
  public interface Handler {
    void handle(List<IncomingMessage> batch) throws Exception;
  }

  private static final Logger LOG = LoggerFactory.getLogger(PoisonIsolation.class);

  private final String stage;
  private final DeadLetterSink deadLetters;
  private final Retrier retrier;
  private final Runnable onLetter;

  /**
   * @param stage what the letters name as the stage that gave up, e.g. {@code merger}
   * @param onLetter counts each letter
   */
  public PoisonIsolation(
      String stage, DeadLetterSink deadLetters, Retrier retrier, Runnable onLetter) {
    this.stage = stage;
    this.deadLetters = deadLetters;
    this.retrier = retrier;
    this.onLetter = onLetter;
  }

  public void handle(List<IncomingMessage> batch, Handler handler) throws Exception {
    try {
      handler.handle(batch);
    } catch (Exception e) {
      if (!Failures.isDeterministic(e)) {
        throw e;
      }
      LOG.warn(
          "{}: poll at {} of {} messages failed on its input ({}); handling them one at a time",
          stage,
          batch.get(0).where(),
          batch.size(),
          Failures.describe(e));
      isolate(batch, handler);
    }
  }

  private void isolate(List<IncomingMessage> batch, Handler handler) throws Exception {
    List<DeadLetter> letters = new ArrayList<>();
    for (IncomingMessage message : batch) {
      try {
        handler.handle(List.of(message));
      } catch (Exception e) {
        if (!Failures.isDeterministic(e)) {
          throw e;
        }
        letters.add(
            new DeadLetter(
                stage,
                message.key(),
                message.value(),
                "failed on this message: " + Failures.describe(e),
                message.where()));
      }
    }
    if (!letters.isEmpty()) {
      retrier.run(
          "dead-letter " + letters.size() + " poison messages of " + batch.get(0).where(),
          () -> deadLetters.send(letters));
      letters.forEach(l -> onLetter.run());
    }
  }
}
