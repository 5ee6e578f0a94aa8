package io.widerow.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CpuAccountingTest {

  private static final long SECOND = 1_000_000_000L;

  @Test
  void aStatLineGivesPidParentAndCpuTicksEvenWithParenthesesInTheName() {
    String line =
        "4242 (java (ingest) x) S 4000 4242 4242 0 -1 4194560 9000 0 0 0 1234 567 89 10 20 0 45 0"
            + " 12345 4000000000 100000 18446744073709551615 0 0 0 0 0 0 0 0 0 0 0 0 17 1 0 0 0 0 0";
    ProcStat p = ProcStat.parse(line);
    assertThat(p).isEqualTo(new ProcStat(4242, 4000, 1234, 567, 89, 10));
    assertThat(p.ticks()).isEqualTo(1234 + 567 + 89 + 10);
  }

  @Test
  void aLineThatIsNoStatLineIsRefusedAndQuoted() {
    assertThatThrownBy(() -> ProcStat.parse("hello world"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("/proc/<pid>/stat")
        .hasMessageContaining("hello world");
    assertThatThrownBy(() -> ProcStat.parse("1 (x) S 0 1 2"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("17 fields");
  }

  @Test
  void aTreeCountsTheRootAndEveryDescendantButNotItsSiblings() {
    List<ProcStat> table =
        List.of(
            new ProcStat(1, 0, 1, 0, 0, 0),
            new ProcStat(10, 1, 100, 10, 0, 0), // elasticsearch launcher
            new ProcStat(11, 10, 500, 50, 0, 0), // its server JVM
            new ProcStat(12, 11, 7, 0, 0, 0), // a helper of the server
            new ProcStat(20, 1, 300, 30, 5, 5)); // another server
    assertThat(ProcStat.treeTicks(table, 10, true)).isEqualTo(110 + 550 + 7);
    assertThat(ProcStat.treeTicks(table, 10, false)).isEqualTo(110);
    assertThat(ProcStat.treeTicks(table, 20, true)).isEqualTo(340);
    assertThat(ProcStat.treeTicks(table, 99, true)).isEqualTo(-1);
    assertThat(ProcStat.tree(table, 10, true)).containsExactly(10L, 11L, 12L);
  }

  @Test
  void cpuIsSharedOfOneCoreAndPerThousandChanges() {
    CpuSample before =
        new CpuSample(
            0,
            Map.of("ingest", 1_000L, "merger", 0L, "indexer", 50L, "hbase", 10L, "kafka", 0L),
            0);
    // 10 s later at 100 ticks/s: ingest used 250 ticks = 2.5 s = 25% of a core.
    CpuSample after =
        new CpuSample(
            10 * SECOND,
            Map.of("ingest", 1_250L, "merger", 100L, "indexer", 150L, "hbase", 60L, "kafka", 30L),
            1_200);
    Map<String, CpuAccounting.Use> uses = CpuAccounting.between(before, after, 5_000, 100);
    CpuAccounting.Use ingest = uses.get("ingest");
    assertThat(ingest.cpuMs()).isCloseTo(2_500, within(1e-9));
    assertThat(ingest.shareOfCore()).isCloseTo(25, within(1e-9));
    assertThat(ingest.msPer1000Changes()).isCloseTo(500, within(1e-9)); // 2,500 ms / 5 thousand
    assertThat(uses.get("services").cpuMs()).isCloseTo(2_500 + 1_000 + 1_000, within(1e-9));
    assertThat(uses.get("services").shareOfCore()).isCloseTo(45, within(1e-9));
    assertThat(uses.get("hbase+kafka").cpuMs()).isCloseTo(800, within(1e-9));
    assertThat(uses.get("services+hbase+kafka").shareOfCore()).isCloseTo(53, within(1e-9));
    // The whole machine: 1,200 busy ticks = 12 s of CPU in 10 s = 120% (of one core).
    assertThat(uses.get("machine").shareOfCore()).isCloseTo(120, within(1e-9));
  }

  @Test
  void anIdleIntervalHasNoCostPerChangeAndAProcessThatWasNotRunningIsUnknown() {
    CpuSample before = new CpuSample(0, Map.of("ingest", 100L, "mariadb", -1L), 0);
    CpuSample after = new CpuSample(SECOND, Map.of("ingest", 103L, "mariadb", 40L), 3);
    Map<String, CpuAccounting.Use> uses = CpuAccounting.between(before, after, 0, 100);
    assertThat(uses.get("ingest").shareOfCore()).isCloseTo(3, within(1e-9));
    assertThat(uses.get("ingest").msPer1000Changes()).isNaN();
    assertThat(uses.get("mariadb")).isEqualTo(CpuAccounting.Use.UNKNOWN);
    assertThat(uses).doesNotContainKey("services");
  }

  @Test
  void machineBusyTicksLeaveOutIdleAndIowait() {
    // user nice system idle iowait irq softirq steal guest guest_nice
    assertThat(CpuAccounting.machineBusyTicks("cpu  100 2 30 9000 400 5 6 7 50 0"))
        .isEqualTo(100 + 2 + 30 + 5 + 6 + 7);
    assertThatThrownBy(() -> CpuAccounting.machineBusyTicks("cpu0 1 2 3"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("/proc/stat");
  }
}
