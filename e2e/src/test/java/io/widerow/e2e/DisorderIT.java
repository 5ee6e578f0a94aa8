package io.widerow.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.codahale.metrics.Counter;
import io.widerow.core.change.ChangeEvent;
import io.widerow.core.document.BuildOutcome;
import io.widerow.core.document.DocumentBuilder;
import io.widerow.core.document.IndexAction;
import io.widerow.core.retry.RetrySettings;
import io.widerow.core.row.WideRow;
import io.widerow.e2e.disorder.SourceHistory;
import io.widerow.e2e.disorder.SourceModel;
import io.widerow.indexer.elasticsearch.ElasticsearchDocumentIndex;
import io.widerow.stack.StackEndpoints;
import io.widerow.testkit.LocalStackExtension;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Proves the promise (invariants 1-4 of docs/design.md) against the real stack: random source
 * histories are delivered shuffled, duplicated and late (some after a major compaction of the wide
 * table), their keys reach the merger late and twice, old keys are replayed, a second indexer races
 * the real one and sends stale documents after {@code gc_deletes}; at the end every HBase row and
 * every document must equal the source model (the history applied in order). Named cases pin the
 * hazards the random runs cover: compaction, gc_deletes, delete then re-insert, racing indexers.
 *
 * <p>Seeds: {@code -Dwiderow.disorder.seeds=5000} runs more (default 200, from a random first seed
 * printed at the start, or {@code -Dwiderow.disorder.firstSeed=N}); {@code
 * -Dwiderow.disorder.seed=N} replays one. Every random choice of the run (histories, delivery
 * plans, the racing indexers' picks and pauses, the slow writes' delays) is drawn from the seeds,
 * the named cases' from the first; only the threads' interleaving is not.
 */
@ExtendWith(LocalStackExtension.class)
class DisorderIT {

  private static final int DEFAULT_SEEDS = 200;
  private static final int SEEDS_PER_ROUND = 25;
  private static final Duration IDLE = Duration.ofSeconds(60);
  private static final int SHOWN_FAILURES = 3;

  private static List<Long> seeds;
  private static DisorderPipeline p;
  private static EntityCheck check;
  private static int nextCase;

  @BeforeAll
  static void start(StackEndpoints stack) throws Exception {
    seeds = seeds();
    System.out.printf(
        "DisorderIT: seeds %d..%d (%d), replay one with -Dwiderow.disorder.seed=N%n",
        seeds.get(0), seeds.get(seeds.size() - 1), seeds.size());
    p = DisorderPipeline.start(stack, seeds.get(0));
    check = new EntityCheck(p);
  }

  /** Each case starts the slow writes' delays afresh, so it does not depend on the cases' order. */
  @BeforeEach
  void seedDelays() {
    p.seed(seeds.get(0));
  }

  @AfterAll
  static void stop() throws Exception {
    if (p != null) {
      p.close();
    }
  }

  @Test
  void randomHistoriesDeliveredInDisorderEndEqualToTheSource() throws Exception {
    long started = System.nanoTime();
    List<DisorderRound.Result> results = new ArrayList<>();
    for (int from = 0; from < seeds.size(); from += SEEDS_PER_ROUND) {
      var round = seeds.subList(from, Math.min(seeds.size(), from + SEEDS_PER_ROUND));
      long roundStarted = System.nanoTime();
      results.add(new DisorderRound(p, check).run(round));
      System.out.printf(
          "DisorderIT: round of seeds %d..%d took %d ms%n",
          round.get(0),
          round.get(round.size() - 1),
          (System.nanoTime() - roundStarted) / 1_000_000);
    }
    System.out.println(DisorderRound.summary(seeds, results, System.nanoTime() - started));

    List<Long> failed = new ArrayList<>();
    List<String> reports = new ArrayList<>();
    for (var result : results) {
      result
          .failures()
          .forEach(
              (seed, lines) -> {
                failed.add(seed);
                reports.add(DisorderRound.failure(seed, lines, result.plans()));
              });
    }
    assertThat(failed)
        .as(
            "seeds whose final state differs from the source; the first %d:%n%s",
            SHOWN_FAILURES,
            String.join("\n", reports.subList(0, Math.min(SHOWN_FAILURES, reports.size()))))
        .isEmpty();
    assertThat(results)
        .as("a stale document sent after the pipeline went idle must be refused (409)")
        .allSatisfy(r -> assertThat(r.race().lateApplied()).isZero());
  }

  @Test
  void lateOlderEventsAfterAMajorCompactionDoNotBringDeletedRowsBack() throws Exception {
    SourceModel source = new SourceModel(p.pipeline, 0);
    String gone = caseKey();
    String alive = caseKey();
    List<ChangeEvent> early = new ArrayList<>();
    early.add(source.insert("orders", gone, gone, 1, Map.of("status", "CREATED")));
    early.add(source.insert("order_item", "1", gone, 1, Map.of("sku", "SKU-A")));
    early.add(source.insert("order_payment", "PAY-" + gone, gone, 1, Map.of("method", "CARD")));
    early.add(source.update("orders", gone, 1, Map.of("status", "PAID")));
    early.add(source.insert("orders", alive, alive, 1, Map.of("status", "CREATED")));
    early.add(source.insert("order_item", "7", alive, 1, Map.of("sku", "SKU-B")));
    p.write(early);
    p.write(
        List.of(
            source.delete("order_item", "1"),
            source.delete("order_payment", "PAY-" + gone),
            source.delete("orders", gone),
            source.delete("order_item", "7")));
    p.awaitIdle(IDLE);

    p.compact();
    p.write(early); // every older event again, after the compaction
    p.awaitIdle(IDLE);

    assertMatchesSource(source, gone, alive);
    WideRow row = p.store.read(List.of(p.rowkeys.encode(gone))).get(0);
    assertThat(row.cells().values()).allSatisfy(cell -> assertThat(cell.deleted()).isTrue());
  }

  @Test
  void lateOlderIndexRequestAfterGcDeletesIsRefused() throws Exception {
    SourceModel source = new SourceModel(p.pipeline, 1);
    String key = caseKey();
    p.write(List.of(source.insert("orders", key, key, 1, Map.of("status", "CREATED"))));
    p.awaitIdle(IDLE);
    WideRow live = p.store.read(List.of(p.rowkeys.encode(key))).get(0);
    IndexAction stale =
        ((BuildOutcome.Ready) new DocumentBuilder(p.pipeline, p.rowkeys::decode).build(live))
            .action();
    p.write(List.of(source.delete("orders", key)));
    p.awaitIdle(IDLE);
    awaitRealDeleteForgotten();

    try (var index =
        ElasticsearchDocumentIndex.open(
            p.pipeline.elasticsearch(), RetrySettings.DEFAULT, new Counter())) {
      assertThat(index.write(List.of(stale)).superseded()).isEqualTo(1);
    }

    p.es.refresh(p.physicalIndex());
    assertMatchesSource(source, key);
  }

  @Test
  void deleteImmediatelyFollowedByReinsertEndsLiveWhateverTheOrder() throws Exception {
    SourceModel source = new SourceModel(p.pipeline, 2);
    String together = caseKey();
    String reversed = caseKey();
    List<ChangeEvent> oneBatch = new ArrayList<>();
    for (String key : List.of(together, reversed)) {
      oneBatch.add(source.insert("orders", key, key, 1, Map.of("status", "CREATED")));
      oneBatch.add(source.insert("order_item", itemOf(key), key, 1, Map.of("sku", "SKU-R")));
    }
    oneBatch.add(source.delete("orders", together));
    oneBatch.add(source.insert("orders", together, together, 3, Map.of("status", "AGAIN")));
    oneBatch.add(source.delete("order_item", itemOf(together)));
    oneBatch.add(source.insert("order_item", itemOf(together), together, 3, Map.of("sku", "N")));
    p.write(oneBatch); // delete and re-insert side by side in one ingest batch

    ChangeEvent delete = source.delete("orders", reversed);
    ChangeEvent reinsert = source.insert("orders", reversed, reversed, 3, Map.of("status", "X"));
    p.write(List.of(reinsert)); // the re-insert overtakes its delete,
    p.write(List.of(delete)); // which arrives late,
    p.write(List.of(oneBatch.get(2))); // and so does the first insert, again
    p.awaitIdle(IDLE);

    assertMatchesSource(source, together, reversed);
    assertThat(p.store.read(List.of(p.rowkeys.encode(reversed))).get(0).one("orders"))
        .hasValueSatisfying(row -> assertThat(row.version()).isEqualTo(3));
  }

  @Test
  void twoIndexersRacingOnTheSameKeysLeaveTheNewestDocument() throws Exception {
    SourceModel source = new SourceModel(p.pipeline, 3);
    List<String> keys = List.of(caseKey(), caseKey(), caseKey());
    List<String> rowkeys = keys.stream().map(p.rowkeys::encode).toList();
    Random random = SourceHistory.randomFor(seeds.get(0), SourceHistory.Purpose.RACE);
    try (RacingIndexer first = new RacingIndexer(p.pipeline);
        RacingIndexer second = new RacingIndexer(p.pipeline)) {
      first.start(rowkeys, random.nextLong());
      second.start(rowkeys, random.nextLong());
      for (String key : keys) {
        p.write(List.of(source.insert("orders", key, key, 1, Map.of("status", "v1"))));
      }
      for (int round = 2; round <= 30; round++) {
        List<ChangeEvent> batch = new ArrayList<>();
        for (String key : keys) {
          batch.add(source.update("orders", key, 1, Map.of("status", "v" + round)));
        }
        p.write(batch);
      }
      p.awaitIdle(IDLE);
      first.stop();
      second.stop();
      for (RacingIndexer racer : List.of(first, second)) {
        RacingIndexer.Tally tally = racer.sendHeld();
        System.out.println("DisorderIT racing indexer: " + tally);
        assertThat(tally.lateApplied()).as("stale documents applied late").isZero();
      }
    }
    assertMatchesSource(source, keys.toArray(String[]::new));
  }

  // ---- helpers ----

  private static List<Long> seeds() {
    String one = System.getProperty("widerow.disorder.seed");
    if (one != null && !one.isBlank()) {
      return List.of(Long.parseLong(one.trim()));
    }
    int count = Integer.getInteger("widerow.disorder.seeds", DEFAULT_SEEDS);
    String firstProperty = System.getProperty("widerow.disorder.firstSeed");
    long first =
        firstProperty == null || firstProperty.isBlank()
            ? ThreadLocalRandom.current().nextLong(1, 1_000_000_000L) // the one unseeded draw
            : Long.parseLong(firstProperty.trim());
    List<Long> seeds = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      seeds.add(first + i);
    }
    return seeds;
  }

  /** Keys of the named cases; they cannot meet a seed's {@code S<seed>-<n>}. */
  private static synchronized String caseKey() {
    return "CASE-" + (++nextCase);
  }

  /** An item id (a BIGINT at the source) of the case entity's own. */
  private static String itemOf(String caseKey) {
    return caseKey.substring(caseKey.indexOf('-') + 1) + "00";
  }

  private static void assertMatchesSource(SourceModel source, String... entities) throws Exception {
    var history = new SourceHistory(-1, List.of(entities), List.of(), source.expectedCells());
    assertThat(check.differences(List.of(history))).isEmpty();
  }

  /**
   * A real delete on a scratch document of the same index, then a lower version accepted: the index
   * has forgotten deleted versions, so only the tombstone can refuse what comes next.
   */
  private static void awaitRealDeleteForgotten() throws Exception {
    String doc = "/" + p.physicalIndex() + "/_doc/gc-control-" + System.nanoTime();
    p.es.put(doc + "?version=2&version_type=external", "{\"rowkey\":\"gc-control\"}");
    p.es.delete(doc + "?version=3&version_type=external");
    await("Elasticsearch forgets a real delete after gc_deletes " + DisorderPipeline.GC_DELETES)
        .atMost(IDLE)
        .until(
            () -> {
              p.es.refresh(p.physicalIndex());
              return p.es.tryPut(doc + "?version=1&version_type=external", "{\"rowkey\":\"x\"}");
            },
            status -> status == 201);
    p.es.delete(doc);
  }
}
