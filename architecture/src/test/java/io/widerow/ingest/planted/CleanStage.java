package io.widerow.ingest.planted;

import com.google.common.base.Preconditions;
import io.widerow.core.row.IncomingMessage;
import io.widerow.core.row.WideRowStore;
import io.widerow.kafka.ConsumeLoop;
import java.util.List;

/** A stage as the rule wants it: core ports, an adapter's interface, a general library. */
public final class CleanStage implements ConsumeLoop.BatchHandler {

  private final WideRowStore store;

  public CleanStage(WideRowStore store) {
    this.store = Preconditions.checkNotNull(store);
  }

  @Override
  public void handle(List<IncomingMessage> batch) throws Exception {
    store.read(List.of());
  }
}
