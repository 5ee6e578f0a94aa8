package io.widerow.e2e.disorder;

import io.widerow.core.change.ChangeEvent;
import io.widerow.core.pipeline.Pipeline;
import io.widerow.core.row.SourceRow;
import io.widerow.e2e.disorder.SourceModel.Row;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.SplittableRandom;

/**
 * A random history of source changes for one seed: a few entities of the demo pipeline (orders,
 * payment, fulfillment as ONE tables; refund and item as MANY tables) going through inserts,
 * updates, version-only updates, deletes, re-inserts of deleted keys (sometimes right after the
 * delete), children added, removed and moved between entities. Entity keys carry the seed, so the
 * histories of many seeds can share one pipeline.
 *
 * @param changes in source order
 * @param expected what the wide table must hold at the end, per entity key
 */
public record SourceHistory(
    long seed,
    List<String> entities,
    List<ChangeEvent> changes,
    Map<String, Map<String, SourceRow>> expected) {

  private static final List<String> ONE_TABLES =
      List.of("orders", "order_payment", "order_fulfillment");
  private static final List<String> MANY_TABLES = List.of("order_refund", "order_item");

  public static String entityKey(long seed, int index) {
    return "S" + seed + "-" + index;
  }

  /**
   * What a seed's random choices are for. Each purpose draws from a stream of its own, so one can
   * change (or draw more) without shifting the others: a seed replays the same history whatever the
   * racing indexer or the slow writes did.
   */
  public enum Purpose {
    HISTORY,
    DELIVERY,
    RACE,
    WRITE_DELAYS
  }

  /**
   * The generator for one purpose of one seed; every random choice of a disorder run comes from one
   * of these. Consecutive seeds given straight to {@link Random} start with nearly the same
   * numbers, so the seed is mixed first.
   */
  public static Random randomFor(long seed, Purpose purpose) {
    return new Random(new SplittableRandom(seed * 31 + purpose.ordinal()).nextLong());
  }

  /** 3-6 entities, 20-40 changes. */
  public static SourceHistory generate(Pipeline pipeline, long seed) {
    Random random = randomFor(seed, Purpose.HISTORY);
    int entityCount = 3 + random.nextInt(4);
    int changeCount = 20 + random.nextInt(21);
    return new Generator(pipeline, seed, random, entityCount).run(changeCount);
  }

  /** The state machine that picks one applicable change at a time. */
  private static final class Generator {
    private final Random random;
    private final long seed;
    private final SourceModel model;
    private final List<String> entities = new ArrayList<>();
    private final List<ChangeEvent> changes = new ArrayList<>();
    private final List<String> deletedChildren = new ArrayList<>();
    private int nextChild = 1;

    Generator(Pipeline pipeline, long seed, Random random, int entityCount) {
      this.random = random;
      this.seed = seed;
      this.model = new SourceModel(pipeline, (int) Math.floorMod(seed, 4L));
      for (int i = 0; i < entityCount; i++) {
        entities.add(entityKey(seed, i));
      }
    }

    SourceHistory run(int changeCount) {
      while (changes.size() < changeCount) {
        step();
      }
      return new SourceHistory(seed, List.copyOf(entities), changes, model.expectedCells());
    }

    private void step() {
      int dice = random.nextInt(100);
      if (dice < 35) {
        upsertOne(pick(ONE_TABLES), pick(entities));
      } else if (dice < 55) {
        addChild(pick(MANY_TABLES), pick(entities));
      } else if (dice < 75) {
        changeChild();
      } else if (dice < 85) {
        deleteOne(pick(ONE_TABLES), pick(entities));
      } else {
        reinsertChild();
      }
    }

    /** Inserts the entity's row of a ONE table, re-inserts it after a delete, or updates it. */
    private void upsertOne(String table, String entity) {
      String pk = oneKey(table, entity);
      var row = model.row(table, pk);
      if (row.isPresent() && row.get().live()) {
        // A third of updates change nothing but the version (a touch, a no-op save).
        Map<String, Object> changes = random.nextInt(3) == 0 ? Map.of() : columns(table);
        add(model.update(table, pk, 1 + random.nextInt(3), changes));
      } else {
        add(model.insert(table, pk, entity, insertVersion(table, pk), columns(table)));
      }
    }

    private void deleteOne(String table, String entity) {
      String pk = oneKey(table, entity);
      if (model.row(table, pk).map(Row::live).orElse(false)) {
        add(model.delete(table, pk));
        if (random.nextInt(3) == 0) {
          // Delete immediately followed by a re-insert of the same key.
          add(model.insert(table, pk, entity, insertVersion(table, pk), columns(table)));
        }
      }
    }

    private void addChild(String table, String entity) {
      String pk = childKey(table, nextChild++);
      add(model.insert(table, pk, entity, insertVersion(table, pk), columns(table)));
    }

    /** Updates, deletes or moves a live child. */
    private void changeChild() {
      List<Row> children =
          model.liveRows().stream().filter(r -> MANY_TABLES.contains(r.table())).toList();
      if (children.isEmpty()) {
        return;
      }
      Row child = pick(children);
      int dice = random.nextInt(10);
      if (dice < 5) {
        add(model.update(child.table(), child.pk(), 1 + random.nextInt(3), columns(child.table())));
      } else if (dice < 8) {
        add(model.delete(child.table(), child.pk()));
        deletedChildren.add(child.table() + "/" + child.pk());
      } else {
        add(model.move(child.table(), child.pk(), pick(entities), 1 + random.nextInt(2)));
      }
    }

    /** Brings a deleted child back, into its old entity or another one. */
    private void reinsertChild() {
      if (deletedChildren.isEmpty()) {
        addChild(pick(MANY_TABLES), pick(entities));
        return;
      }
      String[] at = deletedChildren.remove(random.nextInt(deletedChildren.size())).split("/");
      add(model.insert(at[0], at[1], pick(entities), insertVersion(at[0], at[1]), columns(at[0])));
    }

    /** New rows start low; a re-insert goes above the delete's version, by a random margin. */
    private long insertVersion(String table, String pk) {
      return model.deletedAt(table, pk).map(v -> v + 1 + random.nextInt(3)).orElse(1L);
    }

    private void add(ChangeEvent event) {
      changes.add(event);
    }

    /** The root row's key is the entity key; payment and fulfillment ids derive from it. */
    private static String oneKey(String table, String entity) {
      return switch (table) {
        case "orders" -> entity;
        case "order_payment" -> "PAY-" + entity;
        default -> "FUL-" + entity;
      };
    }

    private String childKey(String table, int n) {
      // Item ids are BIGINTs: unique per seed, as the source's primary key would be.
      return table.equals("order_item") ? String.valueOf(n) : "R" + seed + "-" + n;
    }

    private Map<String, Object> columns(String table) {
      Map<String, Object> c = new LinkedHashMap<>();
      switch (table) {
        case "orders" -> {
          c.put("user_id", (long) random.nextInt(1000));
          c.put("status", pick(List.of("CREATED", "PAID", "SHIPPED", "CANCELLED")));
          c.put("total", random.nextInt(10_000) + "." + (10 + random.nextInt(90)));
          c.put("currency", pick(List.of("EUR", "USD")));
          c.put("created_at", 1_700_000_000_000L + random.nextInt(1_000_000));
          c.put("updated_at", 1_700_000_000_000L + random.nextInt(1_000_000));
        }
        case "order_payment" -> {
          c.put("method", pick(List.of("CARD", "PAYPAL", "INVOICE")));
          c.put("amount", random.nextInt(500) + ".00");
          c.put("status", pick(List.of("AUTHORIZED", "CAPTURED", "FAILED")));
          c.put("paid_at", random.nextBoolean() ? null : 1_700_000_500_000L);
        }
        case "order_fulfillment" -> {
          c.put("carrier", pick(List.of("DHL", "UPS", "GLS")));
          c.put("tracking_no", "TRK" + random.nextInt(100_000));
          c.put("status", pick(List.of("PACKED", "IN_TRANSIT", "DELIVERED")));
          c.put("shipped_at", random.nextBoolean() ? null : 1_700_000_600_000L);
        }
        case "order_refund" -> {
          c.put("amount", random.nextInt(100) + ".50");
          c.put("reason", pick(List.of("damaged parcel", "late delivery", "wrong size")));
          c.put("status", pick(List.of("REQUESTED", "REFUNDED")));
          c.put("refunded_at", null);
        }
        default -> {
          c.put("sku", "SKU-" + random.nextInt(50));
          c.put("title", pick(List.of("red shirt", "blue mug", "green lamp")));
          c.put("quantity", 1L + random.nextInt(5));
          c.put("price", random.nextInt(100) + ".99");
          c.put("warehouse", "W" + random.nextInt(3)); // not in the pipeline's item columns
        }
      }
      return c;
    }

    private <T> T pick(List<T> from) {
      return from.get(random.nextInt(from.size()));
    }
  }
}
