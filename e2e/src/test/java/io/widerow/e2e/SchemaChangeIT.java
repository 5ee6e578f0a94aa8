package io.widerow.e2e;

import static io.widerow.e2e.ShardedOrdersPipeline.keys;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.widerow.core.service.FatalException;
import io.widerow.ingest.IngestService;
import io.widerow.stack.StackEndpoints;
import io.widerow.testkit.LocalStackExtension;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each schema and topology change a running pipeline meets, with its defined outcome, on one
 * pipeline that keeps running through all of them (each test on shards of its own):
 *
 * <ul>
 *   <li>ADD COLUMN on a busy table: nothing to mend; verify finds no difference (NULL in the source
 *       is an absent column in a cell written before the column existed).
 *   <li>DROP COLUMN and RENAME COLUMN: rows changed since carry the new shape; rows not changed
 *       keep the old column in their cells until they change, which verify reports (STALE_CELL,
 *       naming the columns) and {@code verify --repair} mends.
 *   <li>A type change (a wider DECIMAL, INT to BIGINT, a longer VARCHAR): values compare by value;
 *       no difference.
 *   <li>A new table matching a pattern, a new database: captured from their creation.
 *   <li>TRUNCATE: the table's cells are buried and its entities re-indexed.
 *   <li>RENAME of a column the pipeline names (the version): ingest stops with a fatal error naming
 *       the table, the column and the remedy. Last, as it stops the pipeline.
 * </ul>
 */
@ExtendWith(LocalStackExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SchemaChangeIT {

  private ShardedOrdersPipeline it;

  @BeforeAll
  void start(StackEndpoints stack, @TempDir Path dir) throws Exception {
    it = new ShardedOrdersPipeline(stack, "schema", dir);
  }

  @AfterAll
  void stop() {
    if (it != null) {
      it.close();
    }
  }

  @Test
  @Order(1)
  void addColumnOnABusyTableLeavesNothingForVerifyToReport() throws Exception {
    String table = it.db0 + ".orders_1";
    it.createShard(1, 1000, 200);
    it.awaitDocument("1199", ShardedOrdersPipeline::live);
    AtomicBoolean altered = new AtomicBoolean();
    AtomicBoolean stop = new AtomicBoolean();
    AtomicLong updates = new AtomicLong();
    Thread writer =
        new Thread(
            () -> {
              while (!stop.get()) {
                long id = 1000 + ThreadLocalRandom.current().nextInt(200);
                String note = altered.get() && id % 3 == 0 ? ", note2 = 'set'" : "";
                try {
                  it.sql.sql(
                      "UPDATE "
                          + table
                          + " SET version = version + 1, status = 'U"
                          + updates.incrementAndGet()
                          + "'"
                          + note
                          + " WHERE order_id = "
                          + id);
                } catch (Exception e) {
                  throw new IllegalStateException(e);
                }
              }
            },
            "busy-writer");
    writer.start();
    awaitUpdates(updates, 100);
    it.sql.sql("ALTER TABLE " + table + " ADD COLUMN note2 VARCHAR(50) NULL");
    altered.set(true);
    long afterAlter = updates.get();
    awaitUpdates(updates, afterAlter + 200);
    stop.set(true);
    writer.join();
    it.awaitCaughtUp(table, 1000);

    ShardedOrdersPipeline.Verify verify = it.verify(keys(1000, 200));

    assertThat(verify.differences()).isEmpty();
    assertThat(verify.exit()).isZero();
  }

  @Test
  @Order(2)
  void dropColumnLeavesTheOldColumnInUnchangedCellsUntilVerifyRepairsThem() throws Exception {
    String table = it.db0 + ".orders_2";
    it.createShard(2, 2000, 20);
    it.awaitDocument("2019", ShardedOrdersPipeline::live);

    it.sql.sql(
        "ALTER TABLE " + table + " DROP COLUMN note",
        "UPDATE " + table + " SET version = 2 WHERE order_id < 2010");
    it.awaitCaughtUp(table, 2000);

    assertThat(it.verify(keys(2000, 20)).differences())
        .hasSize(10)
        .allSatisfy(d -> assertThat(d).startsWith("STALE_CELL").contains("(columns note)"))
        .allSatisfy(d -> assertThat(d).matches(".*key=201\\d .*"));
    it.repair(keys(2000, 20));
    assertThat(it.verify(keys(2000, 20)).exit()).isZero();
  }

  @Test
  @Order(3)
  void renameColumnIsADropAndAnAddThatVerifyRepairsInUnchangedCells() throws Exception {
    String table = it.db0 + ".orders_3";
    it.createShard(3, 3000, 20);
    it.awaitDocument("3019", ShardedOrdersPipeline::live);

    it.sql.sql(
        "ALTER TABLE " + table + " RENAME COLUMN note TO memo",
        "UPDATE " + table + " SET version = 2 WHERE order_id < 3010");
    it.awaitCaughtUp(table, 3000);

    assertThat(it.verify(keys(3000, 20)).differences())
        .hasSize(10)
        .allSatisfy(d -> assertThat(d).startsWith("STALE_CELL").contains("(columns memo,note)"));
    it.repair(keys(3000, 20));
    assertThat(it.verify(keys(3000, 20)).exit()).isZero();
  }

  @Test
  @Order(4)
  void aTypeChangeThatKeepsTheValuesLeavesNothingForVerifyToReport() throws Exception {
    String table = it.db0 + ".orders_4";
    it.createShard(4, 4000, 20);
    it.awaitDocument("4019", ShardedOrdersPipeline::live);

    it.sql.sql(
        "ALTER TABLE "
            + table
            + " MODIFY total DECIMAL(12,3), MODIFY qty BIGINT, MODIFY status VARCHAR(40)",
        "UPDATE " + table + " SET version = 2, total = 2.125 WHERE order_id < 4010");
    it.awaitCaughtUp(table, 4000);

    assertThat(it.verify(keys(4000, 20)).exit()).isZero();
    JsonNode unchanged = it.es.document(it.pipeline.elasticsearch().index(), "4019");
    assertThat(unchanged.path("_source").path("total").asDouble()).isEqualTo(1.5);
    JsonNode changed = it.es.document(it.pipeline.elasticsearch().index(), "4001");
    assertThat(changed.path("_source").path("total").asDouble()).isEqualTo(2.125);
  }

  @Test
  @Order(5)
  void aNewTableMatchingAPatternAndANewDatabaseAreCapturedFromTheirCreation() throws Exception {
    it.createShard(5, 5000, 3);
    it.sql.sql(
        "INSERT INTO "
            + it.db0
            + ".order_item_5 VALUES (50001, 5000, 'SKU-A', 1),"
            + " (50002, 5000, 'SKU-B', 1)");
    JsonNode doc = it.awaitDocument("5000", d -> d.path("_source").path("skus").size() == 2);
    assertThat(doc.path("_source").path("skus").toString()).isEqualTo("[\"SKU-A\",\"SKU-B\"]");

    String db1 = it.db(1);
    it.sql.sql(
        "CREATE DATABASE " + db1,
        "CREATE TABLE " + db1 + ".orders_0 " + ShardedOrdersPipeline.ORDERS_COLUMNS,
        "INSERT INTO " + db1 + ".orders_0 VALUES (5100, 1, 'NEW', 9.99, 1, 'x')");
    it.awaitDocument("5100", ShardedOrdersPipeline::live);
    it.awaitCaughtUp(db1 + ".orders_0", 5100);
    assertThat(it.verify(List.of("5000", "5001", "5002", "5100")).exit()).isZero();
  }

  @Test
  @Order(6)
  void truncateBuriesTheTablesCellsAndReindexesItsEntities() throws Exception {
    it.createShard(6, 6000, 10);
    it.sql.sql(
        "INSERT INTO "
            + it.db0
            + ".order_item_6 VALUES (60001, 6000, 'SKU-X', 1),"
            + " (60002, 6001, 'SKU-Y', 1)");
    it.awaitDocument("6001", d -> d.path("_source").path("skus").size() == 1);

    // A child table first: the orders stay, without their items.
    it.sql.sql("TRUNCATE TABLE " + it.db0 + ".order_item_6");
    it.awaitDocument(
        "6001", d -> ShardedOrdersPipeline.live(d) && d.path("_source").path("skus").size() == 0);
    // Then the root table: every entity of it is gone from the alias.
    it.sql.sql("TRUNCATE TABLE " + it.db0 + ".orders_6");
    for (String id : keys(6000, 10)) {
      it.awaitDocument(id, d -> d.path("_source").path("widerow_deleted").asBoolean());
    }
    it.es.refresh(it.pipeline.elasticsearch().index());
    assertThat(it.es.count(it.pipeline.elasticsearch().index(), "order_id:60*")).isZero();
    IngestService ingest = (IngestService) it.services.service("ingest").service();
    assertThat(ingest.metrics().truncatedCells()).isEqualTo(12);

    // Rows written after the truncate are stored as any: the buried cells do not hide them.
    it.sql.sql("INSERT INTO " + it.db0 + ".orders_6 VALUES (6000, 3, 'AGAIN', 1.00, 1, 'x')");
    it.awaitDocument("6000", d -> "AGAIN".equals(d.path("_source").path("status").asText()));
    it.awaitCaughtUp(it.db0 + ".orders_6", 6000);
    assertThat(it.verify(keys(6000, 10)).exit()).isZero();
  }

  @Test
  @Order(100)
  void renamingAColumnThePipelineNamesStopsIngestNamingTheTableTheColumnAndTheRemedy()
      throws Exception {
    String table = it.db0 + ".orders_7";
    it.createShard(7, 7000, 1);
    it.awaitDocument("7000", ShardedOrdersPipeline::live);

    it.sql.sql(
        "ALTER TABLE " + table + " RENAME COLUMN version TO ver",
        "UPDATE " + table + " SET ver = 2 WHERE order_id = 7000");

    await("ingest stopped")
        .atMost(ShardedOrdersPipeline.WAIT)
        .until(() -> it.services.failure() != null);
    assertThat(it.services.failure())
        .isInstanceOf(FatalException.class)
        .hasMessageContaining(
            "tables.orders: version column 'version' is missing from the rows of " + table)
        .hasMessageContaining("restore the column, or change the pipeline file");
  }

  private static void awaitUpdates(AtomicLong updates, long atLeast) {
    await(atLeast + " updates")
        .atMost(ShardedOrdersPipeline.WAIT)
        .pollInterval(Duration.ofMillis(20))
        .until(() -> updates.get() >= atLeast);
  }
}
