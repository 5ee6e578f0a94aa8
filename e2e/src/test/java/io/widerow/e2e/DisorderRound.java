package io.widerow.e2e;

import io.widerow.core.change.ChangeEvent;
import io.widerow.e2e.disorder.DeliveryPlan;
import io.widerow.e2e.disorder.SourceHistory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs the histories of a set of seeds through one pipeline side by side (their entity keys are
 * disjoint): step by step the seeds' batches are written through ingest's writer while their keys
 * trickle to the merger late and twice, old keys are replayed to the indexer, and a second indexer
 * races the real one; then the wide table is major-compacted and the latest changes of all arrive.
 * Once the pipeline is idle, the racer's held-back stale documents are sent, and every entity is
 * compared with the source model.
 */
final class DisorderRound {

  /** What a round did and found. */
  record Result(
      int entities,
      int changes,
      int deliveries,
      int keyReplays,
      RacingIndexer.Tally race,
      Map<Long, List<String>> failures,
      Map<Long, DeliveryPlan> plans) {}

  private static final Duration IDLE_DEADLINE = Duration.ofSeconds(120);

  private final DisorderPipeline p;
  private final EntityCheck check;

  DisorderRound(DisorderPipeline p, EntityCheck check) {
    this.p = p;
    this.check = check;
  }

  Result run(List<Long> seeds) throws Exception {
    List<SourceHistory> histories = new ArrayList<>();
    Map<Long, DeliveryPlan> plans = new LinkedHashMap<>();
    List<String> rowkeys = new ArrayList<>();
    for (long seed : seeds) {
      SourceHistory history = SourceHistory.generate(p.pipeline, seed);
      DeliveryPlan plan = DeliveryPlan.of(history);
      histories.add(history);
      plans.put(seed, plan);
      for (String entity : history.entities()) {
        rowkeys.add(p.rowkeys.encode(entity));
        p.keys.plan(p.rowkeys.encode(entity), plan);
      }
    }
    int replays;
    RacingIndexer.Tally race;
    p.seed(seeds.get(0)); // the round's delays, like its racer, follow its first seed
    try (RacingIndexer racer = new RacingIndexer(p.pipeline)) {
      racer.start(rowkeys, seeds.get(0));
      replays = deliverInSteps(histories, plans);
      p.compact();
      p.keys.at(DeliveryPlan.STEPS);
      p.write(concat(plans.values().stream().map(DeliveryPlan::afterCompaction).toList()));
      p.keys.releaseAll();
      p.awaitIdle(IDLE_DEADLINE); // the racer races the indexer up to the end
      racer.stop();
      race = racer.sendHeld();
    }
    Map<Long, List<String>> failures = check.differences(histories);
    if (!failures.isEmpty()) {
      // Judge twice: a difference that a settled pipeline still shows is not a matter of timing.
      p.awaitIdle(IDLE_DEADLINE);
      failures = check.differences(histories);
    }
    return new Result(
        histories.stream().mapToInt(h -> h.entities().size()).sum(),
        histories.stream().mapToInt(h -> h.changes().size()).sum(),
        plans.values().stream().mapToInt(DeliveryPlan::deliveries).sum(),
        replays,
        race,
        failures,
        plans);
  }

  private int deliverInSteps(List<SourceHistory> histories, Map<Long, DeliveryPlan> plans)
      throws Exception {
    int replays = 0;
    for (int step = 0; step < DeliveryPlan.STEPS; step++) {
      int s = step;
      p.keys.at(step);
      p.write(concat(plans.values().stream().map(plan -> plan.steps().get(s)).toList()));
      p.keys.releaseDue(step);
      List<String> replayed = new ArrayList<>();
      for (SourceHistory h : histories) {
        int replay = plans.get(h.seed()).replays().get(step);
        if (replay >= 0) {
          replayed.add(h.entities().get(replay));
        }
      }
      p.replayKeys(replayed);
      replays += replayed.size();
      p.throwIfFailed();
    }
    return replays;
  }

  private static List<ChangeEvent> concat(List<List<ChangeEvent>> lists) {
    List<ChangeEvent> all = new ArrayList<>();
    lists.forEach(all::addAll);
    return all;
  }

  /** One line for the log: what the rounds delivered and found. */
  static String summary(List<Long> seeds, List<Result> results, long nanos) {
    int entities = results.stream().mapToInt(Result::entities).sum();
    int changes = results.stream().mapToInt(Result::changes).sum();
    int deliveries = results.stream().mapToInt(Result::deliveries).sum();
    int replays = results.stream().mapToInt(Result::keyReplays).sum();
    int raced = results.stream().mapToInt(r -> r.race().sent()).sum();
    int late = results.stream().mapToInt(r -> r.race().late()).sum();
    long failed = results.stream().mapToLong(r -> r.failures().size()).sum();
    return String.format(
        "DisorderIT: %d seeds (%d..%d) in %d rounds, %d entities, %d changes, %d deliveries,"
            + " %d key replays, racing indexer %d sent + %d late; %d failed; %d s",
        seeds.size(),
        seeds.get(0),
        seeds.get(seeds.size() - 1),
        results.size(),
        entities,
        changes,
        deliveries,
        replays,
        raced,
        late,
        failed,
        nanos / 1_000_000_000L);
  }

  /**
   * A failing seed: how to replay it (alone, or with the round it ran in, whose first seed drew the
   * racer's and the slow writes' choices), the differences, and the plan that produced them.
   */
  static String failure(long seed, List<String> lines, Map<Long, DeliveryPlan> plans) {
    long roundFirst = plans.keySet().iterator().next();
    String replay = "mvn -pl e2e -am verify -Dit.test=DisorderIT -Dwiderow.disorder.";
    return "seed "
        + seed
        + " (replay: "
        + replay
        + "seed="
        + seed
        + "; its round: "
        + replay
        + "firstSeed="
        + roundFirst
        + " -Dwiderow.disorder.seeds="
        + plans.size()
        + ")\n    "
        + String.join("\n    ", lines)
        + "\n  delivery plan:\n"
        + plans.get(seed).describe();
  }
}
