package io.widerow.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class VerifyRunTest {

  @Test
  void theSummaryLineGivesEntitiesAndDifferences() {
    String output =
        "entities: 1,000 of ~1,000\nMISSING_DOCUMENT ORD-00000007 ...\n"
            + "summary: entities=1042 differences=3 MISSING_DOCUMENT=3\n";
    VerifyRun.Outcome o = VerifyRun.parse(output, 1, "verify.log");
    assertThat(o.entities()).isEqualTo(1042);
    assertThat(o.differences()).isEqualTo(3);
    assertThat(o.exitCode()).isEqualTo(1);
  }

  @Test
  void noSummaryLineLeavesTheCountsUnknown() {
    VerifyRun.Outcome o = VerifyRun.parse("verify: cannot reach the source\n", 3, "verify.log");
    assertThat(o.entities()).isEqualTo(-1);
    assertThat(o.differences()).isEqualTo(-1);
    assertThat(o.exitCode()).isEqualTo(3);
  }
}
