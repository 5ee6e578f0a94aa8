package io.widerow.core.deadletter;

import java.util.List;

/** Where records the pipeline cannot process go; {@link #send} returns once they are stored. */
public interface DeadLetterSink {

  void send(List<DeadLetter> letters) throws Exception;
}
