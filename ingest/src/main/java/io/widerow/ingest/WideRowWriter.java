package io.widerow.ingest;

import com.codahale.metrics.Timer;
import io.widerow.core.change.ChangeEvent;
import io.widerow.core.change.ChangeEventMapper;
import io.widerow.core.change.MappingResult;
import io.widerow.core.deadletter.DeadLetter;
import io.widerow.core.deadletter.DeadLetterSink;
import io.widerow.core.retry.Retrier;
import io.widerow.core.row.CellScan;
import io.widerow.core.row.KeyMessage;
import io.widerow.core.row.KeyPublisher;
import io.widerow.core.row.RowWrite;
import io.widerow.core.row.WideRowStore;
import io.widerow.core.service.FatalException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stores one batch of a source's changes: maps them to cells, writes the cells to the wide table,
 * publishes each touched rowkey once, and dead-letters what cannot be stored. A truncate splits the
 * batch: what came before it is stored, the truncated table's cells are buried ({@link
 * TablePurge}), then the rest follows. Returns only when all of it is acknowledged, so the caller
 * may then commit the batch's source offsets (invariants 3, 4); throws when a step still fails
 * after its retries, and then nothing of the batch may be committed. A table that lost a column the
 * pipeline names stops ingest with a {@link FatalException}: none of its changes could be stored.
 */
public final class WideRowWriter {

  static final String STAGE = "ingest.mapper";

  private static final Logger LOG = LoggerFactory.getLogger(WideRowWriter.class);

  private final ChangeEventMapper mapper;
  private final WideRowStore store;
  private final KeyPublisher keys;
  private final DeadLetterSink deadLetters;
  private final Retrier retrier;
  private final IngestMetrics metrics;
  private final CellSizeLimit cellLimit;
  private final TablePurge purge;
  private final Set<String> reportedUnknownTables = ConcurrentHashMap.newKeySet();

  /**
   * @param cells finds a truncated table's cells; null where truncates cannot arrive (a replay of
   *     dead letters)
   */
  public WideRowWriter(
      ChangeEventMapper mapper,
      WideRowStore store,
      CellScan cells,
      KeyPublisher keys,
      DeadLetterSink deadLetters,
      Retrier retrier,
      IngestMetrics metrics) {
    this(
        mapper,
        store,
        cells,
        keys,
        deadLetters,
        retrier,
        metrics,
        CellSizeLimit.HBASE_DEFAULT_MAX_BYTES);
  }

  /**
   * @param maxCellBytes the largest cell HBase accepts; a row whose cell is larger is dead-lettered
   */
  WideRowWriter(
      ChangeEventMapper mapper,
      WideRowStore store,
      CellScan cells,
      KeyPublisher keys,
      DeadLetterSink deadLetters,
      Retrier retrier,
      IngestMetrics metrics,
      int maxCellBytes) {
    this.cellLimit = new CellSizeLimit(maxCellBytes);
    this.purge = cells == null ? null : new TablePurge(cells, store, keys, retrier, metrics);
    this.mapper = mapper;
    this.store = store;
    this.keys = keys;
    this.deadLetters = deadLetters;
    this.retrier = retrier;
    this.metrics = metrics;
  }

  /**
   * Stores a batch of streamed changes and publishes its keys.
   *
   * @param changes the batch's row changes, in source order
   * @param unreadable records of the batch that could not even be read as a change
   */
  public void write(List<ChangeEvent> changes, List<DeadLetter> unreadable) throws Exception {
    write(changes, unreadable, null, false);
  }

  /**
   * Stores a batch; its keys are held in {@code snapshot} while {@code snapshotting}, else
   * published together with every key held so far.
   *
   * @param snapshot the keys the source's initial snapshot holds; null for a source without one
   * @param snapshotting whether every record of the batch belongs to an initial snapshot that goes
   *     on after it (see {@link SnapshotKeys})
   */
  public void write(
      List<ChangeEvent> changes,
      List<DeadLetter> unreadable,
      SnapshotKeys snapshot,
      boolean snapshotting)
      throws Exception {
    if (snapshotting && snapshot == null) {
      throw new IllegalArgumentException("a snapshot batch needs the source's SnapshotKeys");
    }
    int from = 0;
    List<DeadLetter> letters = unreadable;
    for (int i = 0; i < changes.size(); i++) {
      if (changes.get(i).op() == ChangeEvent.Op.TRUNCATE) {
        writeSegment(changes.subList(from, i), letters, snapshot, snapshotting);
        letters = List.of();
        truncate(changes.get(i));
        from = i + 1;
      }
    }
    writeSegment(changes.subList(from, changes.size()), letters, snapshot, snapshotting);
  }

  private void truncate(ChangeEvent truncate) throws Exception {
    metrics.stage().received(1);
    MappingResult result = mapper.map(truncate);
    if (result instanceof MappingResult.Truncated t) {
      if (purge == null) {
        throw new FatalException(
            truncate.where() + ": a truncate of " + t.logicalTable() + " cannot be applied here");
      }
      purge.purge(truncate, t.logicalTable());
    } else if (result instanceof MappingResult.Skipped skipped) {
      metrics.skippedUnknownTable();
      reportUnknownTable(truncate, skipped.reason());
    }
    metrics.stage().progressed();
  }

  private void writeSegment(
      List<ChangeEvent> changes,
      List<DeadLetter> unreadable,
      SnapshotKeys snapshot,
      boolean snapshotting)
      throws Exception {
    metrics.stage().received(changes.size() + unreadable.size());
    Mapped mapped = map(changes);
    List<DeadLetter> dead = new ArrayList<>(unreadable);
    dead.addAll(mapped.deadLetters());
    String where = describe(changes);
    if (!mapped.cells().isEmpty()) {
      List<RowWrite> cells = mapped.cells();
      retrier.run("write " + cells.size() + " cells of " + where, () -> timed(cells));
      metrics.cellsWritten(cells.size());
      mapped.sourceTsMs().forEach(metrics.stage()::lagFrom);
    }
    // A streamed batch releases what the snapshot held before it, with its own keys.
    boolean holding = snapshot != null && (snapshotting || !snapshot.isEmpty());
    List<KeyMessage> touched = mapped.keys();
    boolean releasing = false;
    if (holding) {
      if (snapshotting && snapshot.isEmpty()) {
        LOG.info(
            "{}: initial snapshot; its keys are held and published once when it ends, so its"
                + " documents appear then (ingest.snapshot_keys_held counts them)",
            where);
      }
      snapshot.hold(touched);
      releasing = !snapshotting || snapshot.full();
      touched = releasing ? snapshot.keys() : List.of();
    }
    if (!touched.isEmpty()) {
      List<KeyMessage> keys = touched;
      retrier.run("publish " + keys.size() + " keys of " + where, () -> publish(keys));
    }
    if (releasing) {
      snapshot.published();
      LOG.info(
          "{}: published the {} keys the initial snapshot held{}",
          where,
          touched.size(),
          snapshotting ? ", as many as it may hold; the snapshot goes on" : "; it has ended");
    }
    if (!dead.isEmpty()) {
      retrier.run(
          "dead-letter " + dead.size() + " records of " + where, () -> deadLetters.send(dead));
      metrics.recordErrors(dead.size());
    }
    if (touched.isEmpty()) {
      metrics.stage().progressed();
    } else {
      metrics.stage().delivered(touched.size());
    }
    LOG.debug(
        "{}: {} changes -> {} cells, {} keys published, {} dead letters",
        where,
        changes.size(),
        mapped.cells().size(),
        touched.size(),
        dead.size());
  }

  private void publish(List<KeyMessage> touched) throws Exception {
    try (Timer.Context call = metrics.publishTimer().time()) {
      keys.publish(touched);
    }
  }

  private void timed(List<RowWrite> cells) throws Exception {
    try (Timer.Context call = metrics.stage().callTimer().time()) {
      store.write(cells);
    }
  }

  /**
   * What a batch maps to: the newest cell per qualifier, each rowkey with its oldest source time.
   */
  record Mapped(
      List<RowWrite> cells,
      List<KeyMessage> keys,
      List<Long> sourceTsMs,
      List<DeadLetter> deadLetters) {}

  Mapped map(List<ChangeEvent> changes) {
    Map<String, RowWrite> newestCell = new LinkedHashMap<>();
    Map<String, Long> oldestTs = new LinkedHashMap<>();
    List<Long> sourceTs = new ArrayList<>();
    List<DeadLetter> dead = new ArrayList<>();
    for (ChangeEvent change : changes) {
      MappingResult result = mapper.map(change);
      Optional<String> tooBig = tooBig(result);
      if (tooBig.isPresent()) {
        dead.add(deadLetter(change, tooBig.get()));
      } else if (result instanceof MappingResult.Writes writes) {
        for (RowWrite w : writes.writes()) {
          // Within a batch only the newest cell matters; on a tie the later change wins, as
          // HBase would let it for equal timestamps written in order.
          newestCell.merge(
              w.rowkey() + "/" + w.row().qualifier(),
              w,
              (kept, next) -> next.row().version() >= kept.row().version() ? next : kept);
          oldestTs.merge(w.rowkey(), change.sourceTsMs(), Math::min);
        }
        sourceTs.add(change.sourceTsMs());
      } else if (result instanceof MappingResult.Skipped skipped) {
        metrics.skippedUnknownTable();
        reportUnknownTable(change, skipped.reason());
      } else if (result instanceof MappingResult.RecordError error) {
        dead.add(deadLetter(change, error.reason()));
      } else if (result instanceof MappingResult.SchemaError error) {
        throw new FatalException(
            change.where()
                + ": "
                + error.reason()
                + "; no change of this table can be stored: restore the column, or change the"
                + " pipeline file to name the table's columns as they are now, then restart"
                + " ingest (it resumes at this change)");
      }
    }
    List<KeyMessage> keys = new ArrayList<>(oldestTs.size());
    oldestTs.forEach((rowkey, ts) -> keys.add(new KeyMessage(rowkey, ts)));
    return new Mapped(List.copyOf(newestCell.values()), keys, sourceTs, dead);
  }

  private Optional<String> tooBig(MappingResult result) {
    if (result instanceof MappingResult.Writes writes) {
      for (RowWrite w : writes.writes()) {
        Optional<String> reason = cellLimit.check(w);
        if (reason.isPresent()) {
          return reason;
        }
      }
    }
    return Optional.empty();
  }

  private void reportUnknownTable(ChangeEvent change, String reason) {
    if (reportedUnknownTables.add(
        change.source() + ":" + change.database() + "." + change.table())) {
      LOG.warn("{}: {}; its changes are skipped and counted", change.source(), reason);
    }
  }

  /**
   * The change itself goes into the dead letter (not the log), so that an operator can repair it
   * and {@code widerow dlq replay} can store it again.
   */
  static DeadLetter deadLetter(ChangeEvent change, String reason) {
    return new DeadLetter(STAGE, null, ChangeLetters.encode(change), reason, change.where());
  }

  private static String describe(List<ChangeEvent> changes) {
    if (changes.isEmpty()) {
      return "empty batch";
    }
    ChangeEvent first = changes.get(0);
    ChangeEvent last = changes.get(changes.size() - 1);
    return first.source() + "@" + first.position() + ".." + last.position();
  }
}
