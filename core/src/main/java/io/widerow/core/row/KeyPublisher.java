package io.widerow.core.row;

import java.util.List;

/** Hands rowkeys to the next stage; {@link #publish} returns once every key is acknowledged. */
public interface KeyPublisher extends AutoCloseable {

  void publish(List<KeyMessage> keys) throws Exception;

  @Override
  void close();
}
