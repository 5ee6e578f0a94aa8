package io.widerow.bench.jmh;

import io.widerow.core.change.ChangeEvent;
import io.widerow.core.change.ChangeEventMapper;
import io.widerow.core.change.MappingResult;
import io.widerow.core.document.BuildOutcome;
import io.widerow.core.document.DocumentBuilder;
import io.widerow.core.row.CellCodec;
import io.widerow.core.row.SourceRow;
import io.widerow.core.row.WideRow;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The per-record work of the three services on one typical order (5 tables, 3 items): what ingest
 * does per change (map, encode the cell) and what the indexer does per key (decode the row's cells,
 * build the document). Average time per call, so the numbers add up along the pipeline.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@State(Scope.Thread)
public class HotPathBenchmarks {

  private ChangeEventMapper mapper;
  private DocumentBuilder builder;
  private ChangeEvent orderUpdate;
  private ChangeEvent itemRead;
  private SourceRow orderRow;
  private byte[] orderCell;
  private List<SourceRow> rows;
  private Map<String, byte[]> storedCells;
  private WideRow wideRow;
  private String rowkey;

  @Setup
  public void setUp() {
    OrderFixture fixture = new OrderFixture();
    mapper = new ChangeEventMapper(fixture.pipeline, fixture.rowKeys);
    builder = new DocumentBuilder(fixture.pipeline, fixture.rowKeys::decode);
    orderUpdate = fixture.orderUpdate();
    itemRead = fixture.itemRead();
    rows = fixture.sourceRows();
    orderRow = rows.get(0);
    orderCell = CellCodec.encode(orderRow);
    storedCells = new LinkedHashMap<>();
    rows.forEach(r -> storedCells.put(r.qualifier(), CellCodec.encode(r)));
    wideRow = fixture.wideRow();
    rowkey = fixture.rowkey;
  }

  @Benchmark
  public MappingResult mapOrderUpdate() {
    return mapper.map(orderUpdate);
  }

  @Benchmark
  public MappingResult mapItemSnapshotRead() {
    return mapper.map(itemRead);
  }

  @Benchmark
  public byte[] encodeOrderCell() {
    return CellCodec.encode(orderRow);
  }

  @Benchmark
  public SourceRow decodeOrderCell() {
    return CellCodec.decode("orders", 4, orderCell);
  }

  @Benchmark
  public BuildOutcome buildDocument() {
    return builder.build(wideRow);
  }

  /** What the indexer does per key after the Get: decode all 7 cells, then build. */
  @Benchmark
  public BuildOutcome decodeRowAndBuildDocument() {
    Map<String, SourceRow> cells = new LinkedHashMap<>();
    storedCells.forEach((q, v) -> cells.put(q, CellCodec.decode(q, 1, v)));
    return builder.build(new WideRow(rowkey, 7, cells));
  }
}
