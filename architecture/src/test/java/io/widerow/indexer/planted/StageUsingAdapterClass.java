package io.widerow.indexer.planted;

import io.widerow.core.pipeline.HBaseSpec;
import io.widerow.core.row.WideRowStore;
import io.widerow.hbase.HBaseWideRowStore;
import java.io.IOException;

/** Planted violation: an indexer stage that opens the HBase adapter instead of being handed it. */
public final class StageUsingAdapterClass {

  public WideRowStore open(HBaseSpec spec) throws IOException {
    return HBaseWideRowStore.open(spec);
  }
}
