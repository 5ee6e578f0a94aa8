package io.widerow.workload.reference;

import java.util.SplittableRandom;

/**
 * The reference workload's transaction mix (issue 16): each transaction bumps its order's version
 * and does one of the kinds below, with the given share; about 1.97 source row changes each.
 */
public final class ReferenceMix {

  /** One kind of transaction, its share of all transactions in percent, and its rows changed. */
  public enum Kind {
    /** The order's status changes: 1 row. */
    STATUS_CHANGE(48),
    /** One item's quantity and price change: the item and the order, 2 rows. */
    ITEM_UPDATE(20),
    /** One item is deleted: the item and the order, 2 rows. */
    ITEM_DELETE(5),
    /** A payment or a refund is inserted: it and the order, 2 rows. */
    PAYMENT(12),
    /** A new order with a payment and 2-4 items: 4-6 rows. */
    NEW_ORDER(15);

    private final int percent;

    Kind(int percent) {
      this.percent = percent;
    }

    public int percent() {
      return percent;
    }
  }

  /** Items of a new or preloaded order: 2 to 4. */
  public static final int MIN_ITEMS = 2;

  public static final int MAX_ITEMS = 4;

  private ReferenceMix() {}

  /** The kind a roll in {@code [0, 100)} stands for, in the order the kinds are declared. */
  public static Kind kind(int roll) {
    if (roll < 0 || roll >= 100) {
      throw new IllegalArgumentException("roll must be in [0, 100); got " + roll);
    }
    int upTo = 0;
    for (Kind k : Kind.values()) {
      upTo += k.percent;
      if (roll < upTo) {
        return k;
      }
    }
    throw new IllegalStateException("the kinds' shares add up to " + upTo + ", not 100");
  }

  public static Kind next(SplittableRandom random) {
    return kind(random.nextInt(100));
  }

  /** Items of an order: 2-4, uniformly. */
  public static int items(SplittableRandom random) {
    return MIN_ITEMS + random.nextInt(MAX_ITEMS - MIN_ITEMS + 1);
  }

  /** Source rows a transaction of {@code kind} changes; {@code items} counts for a new order. */
  public static int rows(Kind kind, int items) {
    return switch (kind) {
      case STATUS_CHANGE -> 1;
      case ITEM_UPDATE, ITEM_DELETE, PAYMENT -> 2;
      case NEW_ORDER -> 2 + items;
    };
  }

  /** The mean source rows per transaction the mix gives: 1.97. */
  public static double meanRows() {
    double mean = 0;
    double meanItems = (MIN_ITEMS + MAX_ITEMS) / 2.0;
    for (Kind k : Kind.values()) {
      mean += k.percent / 100.0 * (k == Kind.NEW_ORDER ? 2 + meanItems : rows(k, 0));
    }
    return mean;
  }

  /**
   * The preloaded order {@code orderNo}'s item count, the same for the loader and the writers
   * (seeded by the order number), so the writers know every item without reading the source.
   */
  public static int preloadedItems(long orderNo) {
    return items(new SplittableRandom(orderNo));
  }

  /** Item ids are {@code orderNo * 4 + i}: an order never has more than 4 items. */
  public static long itemId(long orderNo, int i) {
    return orderNo * MAX_ITEMS + i;
  }
}
