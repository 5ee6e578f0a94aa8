package io.widerow.e2e.disorder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.widerow.core.change.ChangeEvent;
import io.widerow.core.change.ChangeEventMapper;
import io.widerow.core.change.MappingResult;
import io.widerow.core.pipeline.Pipeline;
import io.widerow.core.pipeline.PipelineLoader;
import io.widerow.core.row.RowWrite;
import io.widerow.core.row.SourceRow;
import io.widerow.core.rowkey.RowKeyCodec;
import io.widerow.stack.PipelineFiles;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SourceHistoryTest {

  private static final Pipeline PIPELINE =
      PipelineLoader.parse(PipelineFiles.demoText(), "demo", Map.of());
  private static final RowKeyCodec ROWKEYS = RowKeyCodec.of(PIPELINE.hbase());

  @Test
  void sameSeedGivesTheSameHistoryAndPlan() {
    SourceHistory a = SourceHistory.generate(PIPELINE, 42);
    SourceHistory b = SourceHistory.generate(PIPELINE, 42);

    assertThat(a.changes()).isEqualTo(b.changes());
    assertThat(a.expected()).isEqualTo(b.expected());
    assertThat(DeliveryPlan.of(a)).isEqualTo(DeliveryPlan.of(b));
    assertThat(a.changes()).isNotEqualTo(SourceHistory.generate(PIPELINE, 43).changes());
  }

  @Test
  void historiesStayWithinTheirSizeAndCoverEveryKindOfChange() {
    Map<String, Integer> kinds = new HashMap<>();
    for (long seed = 1; seed <= 200; seed++) {
      SourceHistory h = SourceHistory.generate(PIPELINE, seed);
      assertThat(h.entities()).hasSizeBetween(3, 6);
      assertThat(h.changes()).hasSizeBetween(20, 40);
      h.changes()
          .forEach(
              c -> kinds.merge(c.op() + " " + c.table().replaceAll("_\\d$", ""), 1, Integer::sum));
    }
    for (String table :
        List.of("orders", "order_payment", "order_fulfillment", "order_refund", "order_item")) {
      assertThat(kinds).containsKeys("CREATE " + table, "UPDATE " + table, "DELETE " + table);
    }
  }

  /**
   * The model's expected cells are what the ingest mapper writes when every change arrives in
   * order, and per cell each later change carries a strictly higher version: so the newest version
   * wins whatever the delivery order (invariant 1).
   */
  @Test
  void modelEqualsTheMappersCellsAppliedInOrderAndVersionsRisePerCell() {
    ChangeEventMapper mapper = new ChangeEventMapper(PIPELINE);
    for (long seed = 1; seed <= 200; seed++) {
      SourceHistory h = SourceHistory.generate(PIPELINE, seed);
      Map<String, Map<String, SourceRow>> applied = new HashMap<>();
      for (ChangeEvent change : h.changes()) {
        var writes = ((MappingResult.Writes) mapper.map(change)).writes();
        for (RowWrite w : writes) {
          String entity = ROWKEYS.decode(w.rowkey());
          SourceRow before = applied.getOrDefault(entity, Map.of()).get(w.row().qualifier());
          if (before != null) {
            assertThat(w.row().version()).as("seed %d %s", seed, w).isGreaterThan(before.version());
          }
          applied.computeIfAbsent(entity, e -> new HashMap<>()).put(w.row().qualifier(), w.row());
        }
      }
      assertThat(applied).as("seed %d", seed).isEqualTo(h.expected());
    }
  }

  @Test
  void reinsertAtOrBelowTheDeletesVersionIsRefusedByTheModel() {
    SourceModel model = new SourceModel(PIPELINE, 0);
    model.insert("orders", "K", "K", 5, Map.of());
    model.delete("orders", "K"); // buried at 6

    assertThatThrownBy(() -> model.insert("orders", "K", "K", 6, Map.of()))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(model.insert("orders", "K", "K", 7, Map.of()).after()).containsEntry("version", 7L);
  }

  @Test
  void everyChangeIsDeliveredAtLeastOnceAndSomeLateOrTwice() {
    int duplicates = 0;
    int afterCompaction = 0;
    for (long seed = 1; seed <= 200; seed++) {
      SourceHistory h = SourceHistory.generate(PIPELINE, seed);
      DeliveryPlan plan = DeliveryPlan.of(h);
      List<ChangeEvent> delivered = new java.util.ArrayList<>(plan.afterCompaction());
      plan.steps().forEach(delivered::addAll);
      assertThat(delivered).containsAll(h.changes());
      assertThat(plan.steps()).hasSize(DeliveryPlan.STEPS);
      duplicates += delivered.size() - h.changes().size();
      afterCompaction += plan.afterCompaction().size();
    }
    assertThat(duplicates).isGreaterThan(200);
    assertThat(afterCompaction).isGreaterThan(200);
  }
}
