package io.widerow.verify;

/** A scan of the wide table for the rowkeys of every row holding at least one live data cell. */
public interface RowScan {
  void scanLiveRowkeys(int batchSize, BatchConsumer batches) throws Exception;
}
