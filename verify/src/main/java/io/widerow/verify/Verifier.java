package io.widerow.verify;

import io.widerow.core.change.ChangeEventMapper;
import io.widerow.core.document.BuildOutcome;
import io.widerow.core.document.DocumentBuilder;
import io.widerow.core.pipeline.Pipeline;
import io.widerow.core.row.SourceRow;
import io.widerow.core.row.WideRow;
import io.widerow.core.row.WideRowStore;
import io.widerow.core.rowkey.RowKeyCodec;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Checks entities batch by batch: source rows → expected cells and document; HBase rows and index
 * documents read for the whole batch at once; differences reported, and repaired if asked. A full
 * run then scans HBase and the index for entities the source does not have at all.
 */
public final class Verifier {

  /** What to check and whether to repair; {@code keys} empty and {@code sample} 0 check all. */
  public record Options(List<String> keys, int sample, boolean repair, int batchSize) {
    public Options {
      keys = List.copyOf(keys);
    }
  }

  private final SourceSide source;
  private final WideRowStore rows;
  private final RowScan rowScan;
  private final DocumentStore documents;
  private final Repairer repairer;
  private final VerifyReport report;
  private final Progress progress;
  private final PrintWriter err;
  private final RowKeyCodec rowkeys;
  private final SourceEntities entities;
  private final RowComparator rowComparator;
  private final DocumentComparator documentComparator = new DocumentComparator();
  private final DocumentBuilder documentBuilder;

  /**
   * @param repairer null unless repairing
   */
  Verifier(
      Pipeline pipeline,
      SourceSide source,
      WideRowStore rows,
      RowScan rowScan,
      DocumentStore documents,
      Repairer repairer,
      VerifyReport report,
      Progress progress,
      PrintWriter err) {
    this.source = source;
    this.rows = rows;
    this.rowScan = rowScan;
    this.documents = documents;
    this.repairer = repairer;
    this.report = report;
    this.progress = progress;
    this.err = err;
    this.rowkeys = RowKeyCodec.of(pipeline.hbase());
    this.entities =
        new SourceEntities(
            new ChangeEventMapper(pipeline, rowkeys), rowkeys, d -> report.add(List.of(d)));
    this.rowComparator = new RowComparator(pipeline);
    this.documentBuilder = new DocumentBuilder(pipeline, rowkeys::decode);
  }

  public VerifyReport.Summary run(Options options) throws Exception {
    if (!options.keys().isEmpty()) {
      checkKeys(options.keys(), options.batchSize());
    } else if (options.sample() > 0) {
      checkKeys(source.sampleKeys(options.sample()), options.batchSize());
    } else {
      checkAll(options.batchSize());
      checkOrphans(options.batchSize());
    }
    return report.finish(repairer != null);
  }

  private void checkKeys(List<String> keys, int batchSize) throws Exception {
    progress.phase("entities", keys.size());
    for (int from = 0; from < keys.size(); from += batchSize) {
      List<String> batch = keys.subList(from, Math.min(keys.size(), from + batchSize));
      check(entities.group(batch, source.rowsOf(batch)));
    }
  }

  private void checkAll(int batchSize) throws Exception {
    progress.phase("entities", source.estimatedEntities());
    try (EntityMerge merge = new EntityMerge(source.openCursors(), entities)) {
      List<SourceEntity> batch = new ArrayList<>(batchSize);
      for (SourceEntity entity = merge.next(); entity != null; entity = merge.next()) {
        batch.add(entity);
        if (batch.size() == batchSize) {
          check(batch);
          batch = new ArrayList<>(batchSize);
        }
      }
      check(batch);
    }
  }

  /** Entities HBase or the index hold that the source has no row of at all. */
  private void checkOrphans(int batchSize) throws Exception {
    Set<String> orphans = new HashSet<>(); // few when things are well; each is reported anyway
    int[] foreign = {0};
    progress.phase("hbase scan", 0);
    rowScan.scanLiveRowkeys(
        batchSize,
        batch -> {
          List<String> keys = new ArrayList<>(batch.size());
          for (String rowkey : batch) {
            try {
              keys.add(rowkeys.decode(rowkey));
            } catch (IllegalArgumentException notOurs) {
              foreign[0]++;
            }
          }
          checkAbsent(keys, orphans);
        });
    if (foreign[0] > 0) {
      err.println("verify: skipped " + foreign[0] + " HBase rowkeys this pipeline cannot decode");
    }
    progress.phase("index scan", 0);
    documents.scanLiveIds(
        batchSize,
        ids -> checkAbsent(ids.stream().filter(id -> !orphans.contains(id)).toList(), orphans));
  }

  private void checkAbsent(List<String> keys, Set<String> orphans) throws Exception {
    List<SourceEntity> absent =
        entities.group(keys, source.rowsOf(keys)).stream().filter(e -> !e.exists()).toList();
    absent.forEach(e -> orphans.add(e.key()));
    check(absent);
    progress.advance(keys.size() - absent.size(), report.differences());
  }

  private void check(List<SourceEntity> batch) throws Exception {
    if (batch.isEmpty()) {
      return;
    }
    List<WideRow> stored = rows.read(batch.stream().map(SourceEntity::rowkey).toList());
    Map<String, StoredDocument> docs =
        documents.get(batch.stream().map(SourceEntity::key).toList());
    List<Difference> found = new ArrayList<>();
    for (int i = 0; i < batch.size(); i++) {
      SourceEntity entity = batch.get(i);
      WideRow row = stored.get(i);
      Map<String, SourceRow> expected = ExpectedRow.cells(entity, found::add);
      found.addAll(rowComparator.compare(entity, expected, row));
      BuildOutcome document =
          documentBuilder.build(new WideRow(entity.rowkey(), row.version(), expected));
      documentComparator
          .compare(entity, document, docs.get(entity.key()), row.version())
          .ifPresent(found::add);
    }
    report.add(found);
    report.entitiesChecked(batch.size());
    if (repairer != null) {
      report.repaired(repairer.repair(found));
    }
    progress.advance(batch.size(), report.differences());
  }
}
