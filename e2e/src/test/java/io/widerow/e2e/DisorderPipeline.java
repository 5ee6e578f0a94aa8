package io.widerow.e2e;

import static org.awaitility.Awaitility.await;

import com.codahale.metrics.Counter;
import com.codahale.metrics.MetricRegistry;
import com.codahale.metrics.health.HealthCheckRegistry;
import io.widerow.core.change.ChangeEvent;
import io.widerow.core.change.ChangeEventMapper;
import io.widerow.core.deadletter.DeadLetter;
import io.widerow.core.index.IndexLayout;
import io.widerow.core.pipeline.ElasticsearchSpec;
import io.widerow.core.pipeline.Pipeline;
import io.widerow.core.retry.Retrier;
import io.widerow.core.retry.RetrySettings;
import io.widerow.core.row.KeyMessage;
import io.widerow.core.row.RowWrite;
import io.widerow.core.row.WideRow;
import io.widerow.core.row.WideRowStore;
import io.widerow.core.rowkey.RowKeyCodec;
import io.widerow.core.service.ManagedService;
import io.widerow.e2e.disorder.SourceHistory;
import io.widerow.hbase.HBaseWideRowStore;
import io.widerow.indexer.IndexerService;
import io.widerow.ingest.IngestMetrics;
import io.widerow.ingest.WideRowWriter;
import io.widerow.kafka.KafkaKeyPublisher;
import io.widerow.merger.MergerService;
import io.widerow.stack.PipelineFiles;
import io.widerow.stack.StackEndpoints;
import io.widerow.testkit.DemoPipelines;
import io.widerow.testkit.EsRest;
import io.widerow.testkit.HBaseCompaction;
import io.widerow.testkit.HBaseTables;
import io.widerow.testkit.PipelineIdle;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.locks.LockSupport;

/**
 * The demo pipeline with names of its own, fed by the test in place of Debezium: changes go through
 * ingest's real {@link WideRowWriter} (mapper, HBase write, key publication) into the real merger
 * and indexer, with key publication held back by {@link DelayedKeys}. The index forgets real
 * deletes after 1 s ({@code gc_deletes}), so late index requests meet a forgetful Elasticsearch.
 */
final class DisorderPipeline implements AutoCloseable {

  static final String GC_DELETES = "1s";

  final Pipeline pipeline;
  final RowKeyCodec rowkeys;
  final WideRowStore store;
  final DelayedKeys keys;
  final EsRest es;
  private final KafkaKeyPublisher keysTopic;
  private final SlowWrites slowWrites;
  private final WideRowWriter writer;
  private final List<DeadLetter> deadLetters = Collections.synchronizedList(new ArrayList<>());
  private final List<ManagedService> services = new ArrayList<>();

  private DisorderPipeline(StackEndpoints stack, Pipeline pipeline, long seed) throws Exception {
    this.pipeline = pipeline;
    this.rowkeys = RowKeyCodec.of(pipeline.hbase());
    this.es = new EsRest(stack.elasticsearchUrl());
    HBaseTables.create(pipeline.hbase());
    this.store = HBaseWideRowStore.open(pipeline.hbase());
    io.widerow.core.pipeline.KafkaSpec bootstrap = pipeline.kafka();
    this.keys =
        new DelayedKeys(
            KafkaKeyPublisher.create(bootstrap, "disorder-ingest", pipeline.topics().changes()));
    this.keysTopic =
        KafkaKeyPublisher.create(bootstrap, "disorder-replay", pipeline.topics().keys());
    this.slowWrites = new SlowWrites(store, seed);
    this.writer =
        new WideRowWriter(
            new ChangeEventMapper(pipeline),
            slowWrites,
            null, // the disorder histories hold no truncates
            keys,
            deadLetters::addAll,
            new Retrier("disorder", RetrySettings.DEFAULT, new Counter()),
            new IngestMetrics(new MetricRegistry()));
  }

  /**
   * Starts indexer and merger (consumers before their producers) on a pipeline of its own; the slow
   * writes draw their delays from {@code seed} until {@link #seed} is called.
   */
  static DisorderPipeline start(StackEndpoints stack, long seed) throws Exception {
    DisorderPipeline p = new DisorderPipeline(stack, uniquePipeline(stack), seed);
    try {
      p.startService(new IndexerService(p.pipeline, new MetricRegistry()));
      p.es.putSettings(p.physicalIndex(), "{\"index\":{\"gc_deletes\":\"" + GC_DELETES + "\"}}");
      p.startService(
          new MergerService(p.pipeline, new MetricRegistry(), new HealthCheckRegistry()));
    } catch (Exception e) {
      p.close();
      throw e;
    }
    return p;
  }

  private void startService(ManagedService service) throws Exception {
    services.add(service);
    service.start();
  }

  private static Pipeline uniquePipeline(StackEndpoints stack) {
    Pipeline demo = PipelineFiles.demo(stack);
    String name = DemoPipelines.uniqueName("disorder");
    ElasticsearchSpec es = demo.elasticsearch();
    return new Pipeline(
        name,
        demo.sources(),
        demo.tables(),
        demo.hbase().withTable("widerow_it", name, 4),
        demo.kafka().withTopics("it", 2),
        es.withIndex(name, 1, 0));
  }

  /** From here on the slow writes draw their delays from {@code seed}, from its first draw. */
  void seed(long seed) {
    slowWrites.seed(seed);
  }

  /** One ingest batch: returns once its cells are in HBase and its keys handed to {@link #keys}. */
  void write(List<ChangeEvent> changes) throws Exception {
    if (!changes.isEmpty()) {
      writer.write(changes, List.of());
    }
  }

  /** Old messages of the keys topic delivered again, with no write or bump behind them. */
  void replayKeys(List<String> entities) throws Exception {
    long now = System.currentTimeMillis();
    keysTopic.publish(entities.stream().map(e -> new KeyMessage(rowkeys.encode(e), now)).toList());
  }

  void compact() throws Exception {
    HBaseCompaction.flushAndMajorCompact(pipeline.hbase());
  }

  /** Waits until merger and indexer have committed everything; fails fast if one of them died. */
  void awaitIdle(Duration deadline) throws Exception {
    try (PipelineIdle idle = new PipelineIdle(pipeline)) {
      await("merger and indexer of " + pipeline.name() + " caught up")
          .atMost(deadline)
          .failFast("a pipeline service failed or dead-lettered a change", this::throwIfFailed)
          .until(idle::isIdle);
    }
    es.refresh(physicalIndex());
  }

  void throwIfFailed() {
    for (ManagedService s : services) {
      if (s.failure().isPresent()) {
        throw new IllegalStateException("a pipeline service failed", s.failure().get());
      }
    }
    if (!deadLetters.isEmpty()) {
      throw new AssertionError("no change should be a record error; got " + deadLetters);
    }
  }

  String alias() {
    return IndexLayout.alias(pipeline.elasticsearch());
  }

  String physicalIndex() {
    return IndexLayout.physicalIndex(pipeline.elasticsearch(), IndexLayout.FIRST_GENERATION);
  }

  /**
   * A region server that is sometimes slow to acknowledge: half of ingest's writes take 50-300 ms,
   * far more than a key needs to pass merger and indexer, so a key published before its write is
   * acknowledged (against invariant 3) gets its row read too early and the document stays stale.
   * Which writes and how long follow the seed (ingest's writer calls from the test's thread).
   */
  private static final class SlowWrites implements WideRowStore {
    private final WideRowStore store;
    private volatile Random random;

    SlowWrites(WideRowStore store, long seed) {
      this.store = store;
      seed(seed);
    }

    void seed(long seed) {
      this.random = SourceHistory.randomFor(seed, SourceHistory.Purpose.WRITE_DELAYS);
    }

    @Override
    public void write(List<RowWrite> writes) throws IOException {
      Random random = this.random;
      if (random.nextBoolean()) {
        // A stand-in for a slow acknowledgement, not a synchronisation.
        LockSupport.parkNanos(Duration.ofMillis(50 + random.nextInt(250)).toNanos());
      }
      store.write(writes);
    }

    @Override
    public Map<String, Long> bumpVersions(Collection<String> rowkeys) throws IOException {
      return store.bumpVersions(rowkeys);
    }

    @Override
    public List<WideRow> read(List<String> rowkeys) throws IOException {
      return store.read(rowkeys);
    }

    @Override
    public void close() {
      // the store is closed by its owner
    }
  }

  @Override
  public void close() throws Exception {
    for (int i = services.size() - 1; i >= 0; i--) {
      services.get(i).stop();
    }
    for (AutoCloseable c : new AutoCloseable[] {keys, keysTopic, store}) {
      if (c != null) {
        c.close();
      }
    }
    es.deleteIndex(physicalIndex());
    HBaseTables.drop(pipeline.hbase());
  }
}
