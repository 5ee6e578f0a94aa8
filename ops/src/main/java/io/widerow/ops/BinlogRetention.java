package io.widerow.ops;

import io.widerow.core.pipeline.Source;
import java.time.Duration;

/** How long a source keeps the binlog a late or replayed event could still come from. */
public interface BinlogRetention {

  /**
   * @param retention zero when the server never expires its binlogs
   * @param setting the server's variables it was read from, to quote in a refusal
   */
  record Retention(Duration retention, String setting) {}

  Retention of(Source source) throws Exception;
}
