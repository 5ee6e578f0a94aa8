package io.widerow.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.widerow.core.document.DocumentBuilder;
import io.widerow.core.document.IndexAction;
import io.widerow.core.document.TestPipelines;
import io.widerow.core.pipeline.Pipeline;
import io.widerow.core.row.SourceRow;
import io.widerow.core.row.WideRow;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RebuildTest {

  private static final long NOW = 1_000_000L;

  private final Pipeline pipeline = TestPipelines.orders();
  private final List<String> calls = new ArrayList<>();
  private final List<IndexAction> written = new ArrayList<>();
  private List<RebuildIndex.Failure> refusals = List.of();

  @Test
  void scanCatchUpSwapCatchUpAgainThenRetireTheOldIndex() throws Exception {
    Rebuild.Result result = rebuild().run(new Rebuild.Options(2, 100, 0, false));

    long margin = Rebuild.CLOCK_MARGIN.toMillis();
    assertThat(calls)
        .containsExactly(
            "create orders-2",
            "scanAll",
            "bumpedSince " + (NOW - margin),
            "open orders-2",
            "swap [orders-1] -> orders-2",
            "bumpedSince " + (NOW - margin),
            "delete orders-1");
    assertThat(result.swapped()).isTrue();
    assertThat(result.scanned()).isEqualTo(3);
    // The never-bumped row is left to its bump; a row without its root is a tombstone.
    assertThat(written)
        .extracting(a -> a.getClass().getSimpleName() + " " + a.id() + "@" + a.version())
        .containsExactly("Upsert 1@4", "Delete 2@6", "Upsert 1@4", "Upsert 1@4");
  }

  @Test
  void moreFailuresThanAllowedKeepTheAliasWhereItWas() {
    refusals = List.of(new RebuildIndex.Failure("01:1", "400 mapper_parsing_exception"));
    assertThatThrownBy(() -> rebuild().run(new Rebuild.Options(2, 100, 0, false)))
        .isInstanceOf(OpsException.class)
        .hasMessageContaining("the alias stays on [orders-1]");
    assertThat(calls).noneMatch(c -> c.startsWith("swap"));
  }

  @Test
  void withoutAnAliasThereIsNothingToRebuild() {
    RebuildIndex none = index(List.of());
    assertThatThrownBy(() -> rebuild(none).run(new Rebuild.Options(2, 100, 0, false)))
        .isInstanceOf(OpsException.class)
        .hasMessageContaining("alias orders does not exist");
  }

  private Rebuild rebuild() {
    return rebuild(index(List.of("orders-1")));
  }

  private Rebuild rebuild(RebuildIndex index) {
    StringWriter out = new StringWriter();
    return new Rebuild(
        source(),
        index,
        new DocumentBuilder(pipeline, rowkey -> rowkey.substring(3)),
        new PrintWriter(out),
        new OpsProgress(new PrintWriter(out), "rebuild", System::nanoTime, Duration.ofSeconds(5)),
        () -> NOW);
  }

  private static WideRow live(String rowkey, long version) {
    SourceRow order = SourceRow.live("orders", null, 1, Map.of("order_id", "1"));
    return new WideRow(rowkey, version, Map.of("orders", order));
  }

  private RebuildSource source() {
    return new RebuildSource() {
      @Override
      public void scanAll(int parallelism, int batch, RowBatches rows) throws Exception {
        calls.add("scanAll");
        rows.accept(List.of(live("01:1", 4), new WideRow("01:2", 6, Map.of()), live("01:3", 0)));
      }

      @Override
      public void scanBumpedSince(long sinceMs, int batch, RowBatches rows) throws Exception {
        calls.add("bumpedSince " + sinceMs);
        rows.accept(List.of(live("01:1", 4)));
      }

      @Override
      public void close() {}
    };
  }

  private RebuildIndex index(List<String> behindAlias) {
    return new RebuildIndex() {
      @Override
      public String alias() {
        return "orders";
      }

      @Override
      public List<String> aliasIndices() {
        return behindAlias;
      }

      @Override
      public String nextGeneration() {
        return "orders-2";
      }

      @Override
      public long documentCount(String index) {
        return 3;
      }

      @Override
      public void create(String index) {
        calls.add("create " + index);
      }

      @Override
      public WriteOutcome write(String index, List<IndexAction> actions) {
        written.addAll(actions);
        return new WriteOutcome(actions.size(), 0, refusals);
      }

      @Override
      public void open(String index) {
        calls.add("open " + index);
      }

      @Override
      public void swap(List<String> from, String to) {
        calls.add("swap " + from + " -> " + to);
      }

      @Override
      public void delete(String index) {
        calls.add("delete " + index);
      }

      @Override
      public void close() {}
    };
  }
}
