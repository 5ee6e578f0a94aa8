package io.widerow.ingest.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class SignalTableTest {

  @Test
  void anExecuteSnapshotSignalNamesItsTablesAsAnIncrementalSnapshot() {
    assertThat(SignalTable.snapshotData(List.of("shop_2.orders_0", "shop_2.odd\"name")))
        .isEqualTo(
            "{\"data-collections\": [\"shop_2.orders_0\", \"shop_2.odd\\\"name\"],"
                + " \"type\": \"incremental\"}");
  }

  @Test
  void theGrantNamesTheSignalDatabaseAndTheUser() {
    assertThat(SignalTable.grantFor("cdc"))
        .isEqualTo("GRANT CREATE, SELECT, INSERT, UPDATE, DELETE ON widerow.* TO 'cdc'@'%'");
  }
}
