package io.widerow.core.deadletter;

import io.widerow.core.pipeline.Pipeline;
import io.widerow.core.service.FatalException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * Sends a service's dead letters, and stops the service once more than its limit were sent within a
 * minute: a handful of bad records is set aside and the pipeline moves on, but a flood (every row
 * of a table after a schema change, every document after a mapping change, a bug) is a cause to
 * mend, and setting it all aside would only hide it. The letters that crossed the limit are sent
 * first, so that they say what happened; their batch is not committed and comes again after a
 * restart. Thread-safe: a service's workers share one budget.
 */
public final class DeadLetterBudget implements DeadLetterSink {

  static final Duration WINDOW = Duration.ofMinutes(1);

  private record Sent(long atMs, int count) {}

  private final String service;
  private final DeadLetterSink sink;
  private final int maxPerMinute;
  private final String topic;
  private final LongSupplier clockMs;
  private final Deque<Sent> window = new ArrayDeque<>();
  private long inWindow;

  /**
   * @param topic where the letters go, for the message that stops the service
   * @param clockMs the time in milliseconds, {@code System::currentTimeMillis} in a service
   */
  public DeadLetterBudget(
      String service, DeadLetterSink sink, int maxPerMinute, String topic, LongSupplier clockMs) {
    if (maxPerMinute < 1) {
      throw new IllegalArgumentException("maxPerMinute must be at least 1: " + maxPerMinute);
    }
    this.service = service;
    this.sink = sink;
    this.maxPerMinute = maxPerMinute;
    this.topic = topic;
    this.clockMs = clockMs;
  }

  /** A service's budget as its pipeline file sets it, on the wall clock. */
  public static DeadLetterBudget of(String service, DeadLetterSink sink, Pipeline pipeline) {
    return new DeadLetterBudget(
        service,
        sink,
        pipeline.deadLetters().maxPerMinute(),
        pipeline.topics().dlq(),
        System::currentTimeMillis);
  }

  @Override
  public void send(List<DeadLetter> letters) throws Exception {
    if (letters.isEmpty()) {
      return;
    }
    sink.send(letters);
    long count = count(letters.size());
    if (count > maxPerMinute) {
      DeadLetter last = letters.get(letters.size() - 1);
      throw new FatalException(
          service
              + ": "
              + count
              + " records set aside within a minute, above deadLetters.maxPerMinute ("
              + maxPerMinute
              + "): so many failures have a cause to mend, not bad records. The latest, from "
              + last.stage()
              + " at "
              + last.where()
              + ": "
              + last.reason()
              + ". See them with `widerow dlq list` (topic "
              + topic
              + "); once the cause is mended restart the service, and `widerow dlq replay`"
              + " sends what was set aside through its stage again");
    }
  }

  /** Records {@code letters} as sent now; the letters sent within the last minute. */
  private synchronized long count(int letters) {
    long now = clockMs.getAsLong();
    window.addLast(new Sent(now, letters));
    inWindow += letters;
    while (!window.isEmpty() && window.peekFirst().atMs() <= now - WINDOW.toMillis()) {
      inWindow -= window.pollFirst().count();
    }
    return inWindow;
  }
}
