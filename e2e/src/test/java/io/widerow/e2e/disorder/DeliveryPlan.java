package io.widerow.e2e.disorder;

import io.widerow.core.change.ChangeEvent;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * How a seed's history reaches the pipeline: in {@link #STEPS} ingest batches, each shuffled, with
 * some changes delivered late (a few steps on, or only after the wide table's major compaction) and
 * some twice (a replay after a restart); and how the keys of each batch reach the merger (on time,
 * some steps late, twice) plus stray replays of old keys straight to the indexer's topic.
 *
 * @param steps the changes of each ingest batch, in delivery order
 * @param afterCompaction changes delivered after the major compaction, the latest of all
 * @param keyLag per step: how many steps the batch's keys wait before they are published
 * @param duplicateKeys per step: whether the batch's keys are published a second time, later
 * @param replays per step: index of an entity whose key is replayed to the keys topic, or -1
 */
public record DeliveryPlan(
    long seed,
    List<List<ChangeEvent>> steps,
    List<ChangeEvent> afterCompaction,
    List<Integer> keyLag,
    List<Boolean> duplicateKeys,
    List<Integer> replays) {

  /** The same for every seed, so that the seeds of a round deliver their batches side by side. */
  public static final int STEPS = 10;

  /** The random stream of the plan is apart from the history's, so either can change alone. */
  public static DeliveryPlan of(SourceHistory history) {
    Random random = SourceHistory.randomFor(history.seed(), SourceHistory.Purpose.DELIVERY);
    List<List<ChangeEvent>> steps = new ArrayList<>();
    for (int i = 0; i < STEPS; i++) {
      steps.add(new ArrayList<>());
    }
    List<ChangeEvent> late = new ArrayList<>();
    List<ChangeEvent> changes = history.changes();
    for (int i = 0; i < changes.size(); i++) {
      ChangeEvent change = changes.get(i);
      int due = i * STEPS / changes.size();
      int dice = random.nextInt(100);
      if (dice < 10) {
        late.add(change);
      } else {
        int delay = dice < 30 ? 1 + random.nextInt(4) : 0;
        deliver(steps, late, due + delay, change);
      }
      if (random.nextInt(100) < 15) {
        // A replay comes at or after the first delivery's step, possibly after compaction.
        deliver(steps, late, due + random.nextInt(STEPS - due + 1), change);
      }
    }
    steps.forEach(step -> Collections.shuffle(step, random));
    Collections.shuffle(late, random);
    List<Integer> keyLag = new ArrayList<>();
    List<Boolean> duplicateKeys = new ArrayList<>();
    List<Integer> replays = new ArrayList<>();
    for (int i = 0; i < STEPS; i++) {
      keyLag.add(random.nextInt(100) < 60 ? 0 : 1 + random.nextInt(3));
      duplicateKeys.add(random.nextInt(100) < 20);
      replays.add(random.nextInt(100) < 25 ? random.nextInt(history.entities().size()) : -1);
    }
    return new DeliveryPlan(history.seed(), steps, late, keyLag, duplicateKeys, replays);
  }

  private static void deliver(
      List<List<ChangeEvent>> steps, List<ChangeEvent> late, int step, ChangeEvent change) {
    if (step >= STEPS) {
      late.add(change);
    } else {
      steps.get(step).add(change);
    }
  }

  /** How many deliveries the plan makes, duplicates included. */
  public int deliveries() {
    return steps.stream().mapToInt(List::size).sum() + afterCompaction.size();
  }

  /** The plan, one line per step, for a failure report. */
  public String describe() {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < STEPS; i++) {
      out.append("  step ")
          .append(i)
          .append(" (keys +")
          .append(keyLag.get(i))
          .append(duplicateKeys.get(i) ? ", twice" : "")
          .append(replays.get(i) >= 0 ? ", replay entity " + replays.get(i) : "")
          .append("): ");
      steps.get(i).forEach(c -> out.append(brief(c)).append("  "));
      out.append('\n');
    }
    out.append("  after compaction: ");
    afterCompaction.forEach(c -> out.append(brief(c)).append("  "));
    return out.append('\n').toString();
  }

  /** {@code UPDATE order_item_0 7->8 (S3-1)}: enough to follow a row, no column values. */
  public static String brief(ChangeEvent c) {
    Object from = c.before().get("version");
    Object to = c.after().get("version");
    Object entity = (c.after().isEmpty() ? c.before() : c.after()).get("order_id");
    return c.op()
        + " "
        + c.table()
        + "/"
        + primaryKey(c)
        + " "
        + (from == null ? "" : from + "->")
        + (to == null ? "x" : to)
        + " ("
        + entity
        + ")";
  }

  private static Object primaryKey(ChangeEvent c) {
    var image = c.after().isEmpty() ? c.before() : c.after();
    for (String column :
        List.of("item_id", "refund_id", "payment_id", "fulfillment_id", "order_id")) {
      if (image.containsKey(column)) {
        return image.get(column);
      }
    }
    return "?";
  }
}
