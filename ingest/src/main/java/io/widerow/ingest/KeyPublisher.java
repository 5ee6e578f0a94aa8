package io.widerow.ingest;

import io.widerow.common.row.KeyMessage;
import java.util.List;

/** Hands changed rowkeys to the merger; {@link #publish} returns once every key is acknowledged. */
public interface KeyPublisher extends AutoCloseable {

  void publish(List<KeyMessage> keys) throws Exception;

  @Override
  void close();
}
