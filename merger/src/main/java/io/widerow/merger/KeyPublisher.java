package io.widerow.merger;

import io.widerow.common.row.KeyMessage;
import java.util.List;

/** Hands bumped keys to the indexer; {@link #publish} returns once every key is acknowledged. */
public interface KeyPublisher extends AutoCloseable {

  void publish(List<KeyMessage> keys) throws Exception;

  @Override
  void close();
}
