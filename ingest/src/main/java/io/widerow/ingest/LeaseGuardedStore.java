package io.widerow.ingest;

import io.widerow.core.row.RowWrite;
import io.widerow.core.row.StoredRow;
import io.widerow.core.row.WideRow;
import io.widerow.core.row.WideRowStore;
import java.io.IOException;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

/**
 * The wide table as one source's engine sees it: every write first asks whether the source's lease
 * is still trusted, so that an engine paused past its lease (a long GC, a frozen VM) cannot write
 * after a standby took the source over. A refused write fails like an unreachable store: retried
 * while the lease may be renewed, and the service stops once the lease is lost.
 */
final class LeaseGuardedStore implements WideRowStore {

  private final String source;
  private final WideRowStore store;
  private final BooleanSupplier mayWrite;

  LeaseGuardedStore(String source, WideRowStore store, BooleanSupplier mayWrite) {
    this.source = source;
    this.store = store;
    this.mayWrite = mayWrite;
  }

  @Override
  public void write(List<RowWrite> writes) throws IOException {
    requireLease();
    store.write(writes);
  }

  @Override
  public Map<String, Long> bumpVersions(Collection<String> rowkeys) throws IOException {
    requireLease();
    return store.bumpVersions(rowkeys);
  }

  @Override
  public List<WideRow> read(List<String> rowkeys) throws IOException {
    return store.read(rowkeys);
  }

  @Override
  public StoredRow readStored(String rowkey) throws IOException {
    return store.readStored(rowkey);
  }

  /** The store is shared by every source's engine and closed by the service. */
  @Override
  public void close() {}

  private void requireLease() throws LeaseNotTrustedException {
    if (!mayWrite.getAsBoolean()) {
      throw new LeaseNotTrustedException(
          "source "
              + source
              + ": its lease is not renewed (lease table unreachable) or was taken over; not"
              + " writing to the wide table");
    }
  }

  /** A write refused because the source's lease is not trusted now. */
  static final class LeaseNotTrustedException extends IOException {
    LeaseNotTrustedException(String message) {
      super(message);
    }
  }
}
