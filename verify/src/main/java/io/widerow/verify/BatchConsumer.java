package io.widerow.verify;

import java.util.List;

/** Takes one batch of keys of a scan; may do I/O of its own. */
@FunctionalInterface
public interface BatchConsumer {
  void accept(List<String> batch) throws Exception;
}
