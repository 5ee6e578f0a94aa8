package io.widerow.workload.reference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.widerow.workload.reference.ReferenceMix.Kind;
import java.util.EnumMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ReferenceMixTest {

  @Test
  void sharesAreTheIssuesAndAddUpToAHundred() {
    assertThat(Kind.STATUS_CHANGE.percent()).isEqualTo(48);
    assertThat(Kind.ITEM_UPDATE.percent()).isEqualTo(20);
    assertThat(Kind.ITEM_DELETE.percent()).isEqualTo(5);
    assertThat(Kind.PAYMENT.percent()).isEqualTo(12);
    assertThat(Kind.NEW_ORDER.percent()).isEqualTo(15);
    int sum = 0;
    for (Kind k : Kind.values()) {
      sum += k.percent();
    }
    assertThat(sum).isEqualTo(100);
  }

  @Test
  void rollsMapToKindsAtTheShareBoundaries() {
    assertThat(ReferenceMix.kind(0)).isEqualTo(Kind.STATUS_CHANGE);
    assertThat(ReferenceMix.kind(47)).isEqualTo(Kind.STATUS_CHANGE);
    assertThat(ReferenceMix.kind(48)).isEqualTo(Kind.ITEM_UPDATE);
    assertThat(ReferenceMix.kind(67)).isEqualTo(Kind.ITEM_UPDATE);
    assertThat(ReferenceMix.kind(68)).isEqualTo(Kind.ITEM_DELETE);
    assertThat(ReferenceMix.kind(72)).isEqualTo(Kind.ITEM_DELETE);
    assertThat(ReferenceMix.kind(73)).isEqualTo(Kind.PAYMENT);
    assertThat(ReferenceMix.kind(84)).isEqualTo(Kind.PAYMENT);
    assertThat(ReferenceMix.kind(85)).isEqualTo(Kind.NEW_ORDER);
    assertThat(ReferenceMix.kind(99)).isEqualTo(Kind.NEW_ORDER);
  }

  @Test
  void aRollOutsideZeroToNinetyNineIsRefused() {
    assertThatThrownBy(() -> ReferenceMix.kind(100))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("[0, 100)")
        .hasMessageContaining("100");
    assertThatThrownBy(() -> ReferenceMix.kind(-1)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void eachKindChangesItsRowsAndANewOrderItsItemsPlusTwo() {
    assertThat(ReferenceMix.rows(Kind.STATUS_CHANGE, 0)).isEqualTo(1);
    assertThat(ReferenceMix.rows(Kind.ITEM_UPDATE, 0)).isEqualTo(2);
    assertThat(ReferenceMix.rows(Kind.ITEM_DELETE, 0)).isEqualTo(2);
    assertThat(ReferenceMix.rows(Kind.PAYMENT, 0)).isEqualTo(2);
    assertThat(ReferenceMix.rows(Kind.NEW_ORDER, 2)).isEqualTo(4);
    assertThat(ReferenceMix.rows(Kind.NEW_ORDER, 4)).isEqualTo(6);
  }

  @Test
  void theMixMeansAboutOnePointNineSevenRowsPerTransaction() {
    assertThat(ReferenceMix.meanRows()).isCloseTo(1.97, within(1e-9));
  }

  @Test
  void drawnTransactionsFollowTheSharesAndTheMeanRows() {
    SplittableRandom random = new SplittableRandom(16);
    Map<Kind, Integer> counts = new EnumMap<>(Kind.class);
    long rows = 0;
    int n = 200_000;
    for (int i = 0; i < n; i++) {
      Kind k = ReferenceMix.next(random);
      counts.merge(k, 1, Integer::sum);
      rows += ReferenceMix.rows(k, k == Kind.NEW_ORDER ? ReferenceMix.items(random) : 0);
    }
    for (Kind k : Kind.values()) {
      // 200,000 draws: a share's standard error is at most 0.11 points.
      assertThat(100.0 * counts.get(k) / n).as(k.name()).isCloseTo(k.percent(), within(0.5));
    }
    assertThat((double) rows / n).isCloseTo(1.97, within(0.01));
  }

  @Test
  void preloadedOrdersHaveTwoToFourItemsAndTheLoaderCountsThem() {
    long items = 0;
    for (long n = 1; n <= 1000; n++) {
      int k = ReferenceMix.preloadedItems(n);
      assertThat(k).isBetween(2, 4);
      assertThat(ReferenceMix.preloadedItems(n)).isEqualTo(k);
      items += k;
    }
    assertThat(ReferenceLoader.items(1000)).isEqualTo(items);
    assertThat(ReferenceLoader.rows(1000)).isEqualTo(2000 + items);
    assertThat(items / 1000.0).isCloseTo(3.0, within(0.15));
  }

  @Test
  void itemIdsOfTwoOrdersNeverCollide() {
    assertThat(ReferenceMix.itemId(7, ReferenceMix.MAX_ITEMS - 1))
        .isLessThan(ReferenceMix.itemId(8, 0));
  }
}
