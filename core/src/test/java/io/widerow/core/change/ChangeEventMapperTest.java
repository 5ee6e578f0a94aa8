package io.widerow.core.change;

import static org.assertj.core.api.Assertions.assertThat;

import io.widerow.core.change.ChangeEvent.Op;
import io.widerow.core.row.CellOrigin;
import io.widerow.core.row.RowWrite;
import io.widerow.core.row.SourceRow;
import io.widerow.core.rowkey.RowKeyCodec;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ChangeEventMapperTest {

  private static final RowKeyCodec ROWKEYS = new RowKeyCodec(8);
  private static final String ORDER_1 = ROWKEYS.encode("1");
  private static final String ORDER_2 = ROWKEYS.encode("2");

  private final ChangeEventMapper mapper = new ChangeEventMapper(IngestTestPipelines.orders());

  @Test
  void insertIntoOneTableWritesLiveCellAtColumnVersion() {
    List<RowWrite> writes =
        writes(
            event(
                "orders_0", Op.CREATE, null, row("order_id", 1L, "version", 3L, "total", "9.50")));

    assertThat(writes)
        .containsExactly(
            new RowWrite(
                ORDER_1,
                SourceRow.live(
                    "orders", null, 3, row("order_id", 1L, "version", 3L, "total", "9.50"))));
  }

  @Test
  void snapshotReadIsWrittenLikeAnInsert() {
    List<RowWrite> writes =
        writes(event("orders_1", Op.READ, null, row("order_id", 2L, "version", 1L)));

    assertThat(writes)
        .singleElement()
        .satisfies(
            w -> {
              assertThat(w.rowkey()).isEqualTo(ORDER_2);
              assertThat(w.row().version()).isEqualTo(1);
              assertThat(w.row().deleted()).isFalse();
            });
  }

  @Test
  void updateOfOneTableWritesCellAtNewVersion() {
    List<RowWrite> writes =
        writes(
            event(
                "orders_0",
                Op.UPDATE,
                row("order_id", 1L, "version", 3L, "status", "NEW"),
                row("order_id", 1L, "version", 4L, "status", "PAID")));

    assertThat(writes)
        .containsExactly(
            new RowWrite(
                ORDER_1,
                SourceRow.live(
                    "orders", null, 4, row("order_id", 1L, "version", 4L, "status", "PAID"))));
  }

  @Test
  void deleteWritesTombstoneAtBeforeVersionPlusOne() {
    List<RowWrite> writes =
        writes(event("orders_0", Op.DELETE, row("order_id", 1L, "version", 4L), null));

    assertThat(writes)
        .containsExactly(new RowWrite(ORDER_1, SourceRow.tombstone("orders", null, 5)));
  }

  @Test
  void insertIntoManyTableNamesTheChildByItsPrimaryKey() {
    List<RowWrite> writes = writes(event("order_item_0", Op.CREATE, null, item(1L, 10L, 1L)));

    assertThat(writes)
        .singleElement()
        .satisfies(
            w -> {
              assertThat(w.rowkey()).isEqualTo(ORDER_1);
              assertThat(w.row().qualifier()).isEqualTo("order_item#10");
              assertThat(w.row().version()).isEqualTo(1);
            });
  }

  @Test
  void compositePrimaryKeyIsJoinedWithCommas() {
    List<RowWrite> writes =
        writes(
            event(
                "order_line_0", Op.CREATE, null, row("order_id", 1L, "line_no", 7, "version", 2L)));

    assertThat(writes)
        .singleElement()
        .satisfies(w -> assertThat(w.row().childKey()).isEqualTo("1,7"));
  }

  @Test
  void deleteFromManyTableBuriesTheChildCell() {
    List<RowWrite> writes = writes(event("order_item_1", Op.DELETE, item(1L, 10L, 6L), null));

    assertThat(writes)
        .containsExactly(new RowWrite(ORDER_1, SourceRow.tombstone("order_item", "10", 7)));
  }

  @Test
  void updateThatMovesTheRowToAnotherEntityBuriesTheOldCell() {
    List<RowWrite> writes =
        writes(event("order_item_0", Op.UPDATE, item(1L, 10L, 2L), item(2L, 10L, 3L)));

    assertThat(writes)
        .containsExactly(
            new RowWrite(ORDER_1, SourceRow.tombstone("order_item", "10", 3)),
            new RowWrite(ORDER_2, SourceRow.live("order_item", "10", 3, item(2L, 10L, 3L))));
  }

  @Test
  void updateThatChangesTheChildKeyBuriesTheOldChild() {
    List<RowWrite> writes =
        writes(event("order_item_0", Op.UPDATE, item(1L, 10L, 2L), item(1L, 11L, 3L)));

    assertThat(writes)
        .extracting(
            w ->
                w.rowkey()
                    + " "
                    + w.row().qualifier()
                    + "@"
                    + w.row().version()
                    + (w.row().deleted() ? " deleted" : ""))
        .containsExactly(ORDER_1 + " order_item#10@3 deleted", ORDER_1 + " order_item#11@3");
  }

  @Test
  void keyChangeWithoutVersionBumpStillBuriesAboveTheOldVersion() {
    List<RowWrite> writes =
        writes(event("order_item_0", Op.UPDATE, item(1L, 10L, 5L), item(2L, 10L, 5L)));

    assertThat(writes.get(0).row()).isEqualTo(SourceRow.tombstone("order_item", "10", 6));
    assertThat(writes.get(1).row().version()).isEqualTo(5);
  }

  @Test
  void updateWithoutFullBeforeImageWritesOnlyTheNewCell() {
    List<RowWrite> writes = writes(event("order_item_0", Op.UPDATE, Map.of(), item(1L, 10L, 3L)));

    assertThat(writes).singleElement().satisfies(w -> assertThat(w.row().deleted()).isFalse());
  }

  @Test
  void columnsOutsideTheTablesListAreDropped() {
    Map<String, Object> after = item(1L, 10L, 1L);
    after.put("title", "a long title");
    after.put("internal_note", null);

    SourceRow row = writes(event("order_item_0", Op.CREATE, null, after)).get(0).row();

    assertThat(row.columns()).containsOnlyKeys("item_id", "order_id", "sku", "version");
  }

  @Test
  void tableWithoutColumnListKeepsEveryColumnIncludingNulls() {
    Map<String, Object> after = row("order_id", 1L, "version", 1L, "note", null, "blob", "AAE=");

    SourceRow row = writes(event("orders_0", Op.CREATE, null, after)).get(0).row();

    assertThat(row.columns()).isEqualTo(after);
  }

  @Test
  void binlogPositionVersionsIncreaseWithRowPositionAndFile() {
    long[] versions = {
      auditVersion(Op.READ, new BinlogPosition(3, 1000, 0)),
      auditVersion(Op.CREATE, new BinlogPosition(3, 1000, 0)),
      auditVersion(Op.CREATE, new BinlogPosition(3, 1000, 1)),
      auditVersion(Op.UPDATE, new BinlogPosition(3, 1000, 250)),
      auditVersion(Op.UPDATE, new BinlogPosition(3, 1400, 0)),
      auditVersion(Op.DELETE, new BinlogPosition(3, 4_000_000_000L, 5)),
      auditVersion(Op.CREATE, new BinlogPosition(4, 4, 0)),
      auditVersion(Op.CREATE, new BinlogPosition(999_999, 4, 0))
    };

    assertThat(versions).isSorted().doesNotHaveDuplicates();
    assertThat(versions[0]).isPositive();
    assertThat(versions[versions.length - 1]).isLessThan(Long.MAX_VALUE);
  }

  @Test
  void binlogPositionBeyondPackingLimitIsARecordError() {
    ChangeEvent event =
        new ChangeEvent(
            "shop",
            "shop_0",
            "order_audit_0",
            Op.CREATE,
            null,
            row("order_id", 1L, "audit_id", 1L),
            new BinlogPosition(3, (1L << 32) - 1, 0),
            0);

    assertThat(mapper.map(event))
        .isInstanceOfSatisfying(
            MappingResult.RecordError.class,
            e -> assertThat(e.reason()).contains("binlog position 3:4294967295#0"));
  }

  @Test
  void keyColumnMissingFromTheRowIsASchemaErrorNamingTheTableAndTheKey() {
    assertThat(mapper.map(event("orders_0", Op.CREATE, null, row("version", 1L))))
        .isEqualTo(
            new MappingResult.SchemaError(
                "tables.orders: key column 'order_id' is missing from the rows of shop_0.orders_0"
                    + " (dropped or renamed by ALTER TABLE?)"));
  }

  @Test
  void nullKeyColumnIsARecordError() {
    assertThat(mapper.map(event("orders_0", Op.CREATE, null, row("order_id", null, "version", 1L))))
        .isEqualTo(
            new MappingResult.RecordError(
                "orders: key column 'order_id' is null in the 'after' row"));
  }

  @Test
  void truncateOfAMappedTableNamesItsLogicalTable() {
    assertThat(mapper.map(event("orders_3", Op.TRUNCATE, null, null)))
        .isEqualTo(new MappingResult.Truncated("orders"));
  }

  @Test
  void eachCellCarriesWhereItsRowCameFrom() {
    assertThat(
            origins(
                event(
                    "orders_0",
                    Op.UPDATE,
                    row("order_id", 1L, "version", 3L),
                    row("order_id", 1L, "version", 4L))))
        .containsExactly(
            new CellOrigin(
                "shop", "shop_0", "orders_0", "1", "1:400#0", 1_700_000_000_000L, "update"));
    assertThat(origins(event("order_item_0", Op.DELETE, item(1, 10, 2), null)))
        .extracting(CellOrigin::primaryKey, CellOrigin::change)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("10", "delete"));
    assertThat(origins(event("orders_0", Op.READ, null, row("order_id", 1L, "version", 1L))))
        .extracting(CellOrigin::change)
        .containsExactly("snapshot");
  }

  @Test
  void aRowMovedToAnotherEntityBuriesItsOldCellWithAMovedOrigin() {
    assertThat(origins(event("order_item_0", Op.UPDATE, item(1, 10, 1), item(2, 10, 2))))
        .extracting(CellOrigin::change)
        .containsExactly("moved", "update");
  }

  @Test
  void nullChildKeyIsARecordError() {
    assertThat(
            mapper.map(
                event(
                    "order_item_0",
                    Op.CREATE,
                    null,
                    row("order_id", 1L, "item_id", null, "version", 1L))))
        .isEqualTo(
            new MappingResult.RecordError(
                "order_item: key column 'item_id' is null in the 'after' row"));
  }

  @Test
  void versionColumnMissingFromTheRowIsASchemaError() {
    assertThat(mapper.map(event("orders_0", Op.DELETE, row("order_id", 1L), null)))
        .isEqualTo(
            new MappingResult.SchemaError(
                "tables.orders: version column 'version' is missing from the rows of"
                    + " shop_0.orders_0 (dropped or renamed by ALTER TABLE?)"));
  }

  @Test
  void nullVersionIsARecordError() {
    assertThat(mapper.map(event("orders_0", Op.DELETE, row("order_id", 1L, "version", null), null)))
        .isEqualTo(
            new MappingResult.RecordError(
                "orders: version column 'version' is null in the 'before' row"));
  }

  @Test
  void nonNumericVersionIsARecordErrorThatDoesNotQuoteTheValue() {
    MappingResult result =
        mapper.map(event("orders_0", Op.CREATE, null, row("order_id", 1L, "version", "secret")));

    assertThat(result)
        .isEqualTo(
            new MappingResult.RecordError(
                "orders: version column 'version' is not a whole number: a String that is not one"));
  }

  @Test
  void negativeVersionIsARecordError() {
    assertThat(mapper.map(event("orders_0", Op.CREATE, null, row("order_id", 1L, "version", -1L))))
        .isInstanceOf(MappingResult.RecordError.class);
  }

  @Test
  void decimalAndTimestampVersionsAreAccepted() {
    assertThat(
            writes(event("orders_0", Op.CREATE, null, row("order_id", 1L, "version", "42.000")))
                .get(0)
                .row()
                .version())
        .isEqualTo(42);
    assertThat(
            writes(
                    event(
                        "orders_0",
                        Op.CREATE,
                        null,
                        row("order_id", 1L, "version", "2024-05-01T10:00:00.123Z")))
                .get(0)
                .row()
                .version())
        .isEqualTo(1714557600123L);
  }

  @Test
  void unknownTableIsSkipped() {
    assertThat(
            mapper.map(event("customers_0", Op.CREATE, null, row("order_id", 1L, "version", 1L))))
        .isInstanceOf(MappingResult.Skipped.class);
  }

  @Test
  void binlogFileNumberIsTheNumericExtension() {
    assertThat(BinlogPosition.fileNumberOf("mariadb-bin.000042")).hasValue(42);
    assertThat(BinlogPosition.fileNumberOf("mysql-bin.1234567")).hasValue(1234567);
    assertThat(BinlogPosition.fileNumberOf("binlog")).isEmpty();
    assertThat(BinlogPosition.fileNumberOf("bin.00a1")).isEmpty();
    assertThat(BinlogPosition.fileNumberOf(null)).isEmpty();
  }

  private long auditVersion(Op op, BinlogPosition position) {
    Map<String, Object> image = row("order_id", 1L, "audit_id", 9L);
    ChangeEvent event =
        new ChangeEvent(
            "shop",
            "shop_0",
            "order_audit_0",
            op,
            op == Op.CREATE || op == Op.READ ? null : image,
            op == Op.DELETE ? null : image,
            position,
            0);
    return writes(event).get(0).row().version();
  }

  /** The cells of the change, without their origins (tested on their own). */
  private List<RowWrite> writes(ChangeEvent event) {
    MappingResult result = mapper.map(event);
    assertThat(result).isInstanceOf(MappingResult.Writes.class);
    return ((MappingResult.Writes) result)
        .writes().stream().map(w -> new RowWrite(w.rowkey(), w.row())).toList();
  }

  private List<CellOrigin> origins(ChangeEvent event) {
    MappingResult result = mapper.map(event);
    assertThat(result).isInstanceOf(MappingResult.Writes.class);
    return ((MappingResult.Writes) result).writes().stream().map(RowWrite::origin).toList();
  }

  private static ChangeEvent event(
      String table, Op op, Map<String, Object> before, Map<String, Object> after) {
    return new ChangeEvent(
        "shop",
        "shop_0",
        table,
        op,
        before,
        after,
        new BinlogPosition(1, 400, 0),
        1_700_000_000_000L);
  }

  private static Map<String, Object> item(long orderId, long itemId, long version) {
    return row("item_id", itemId, "order_id", orderId, "sku", "SKU-" + itemId, "version", version);
  }

  /** A row image, mutable and ordered; SQL NULLs allowed. */
  private static Map<String, Object> row(Object... columnsAndValues) {
    Map<String, Object> row = new LinkedHashMap<>();
    for (int i = 0; i < columnsAndValues.length; i += 2) {
      row.put((String) columnsAndValues[i], columnsAndValues[i + 1]);
    }
    return row;
  }
}
