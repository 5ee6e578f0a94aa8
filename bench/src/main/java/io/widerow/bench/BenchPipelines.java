package io.widerow.bench;

import io.widerow.core.pipeline.ElasticsearchSpec;
import io.widerow.core.pipeline.Pipeline;
import io.widerow.core.pipeline.PipelineLoader;
import io.widerow.core.pipeline.Source;
import io.widerow.stack.PipelineFiles;
import io.widerow.stack.RenamedDemo;
import io.widerow.stack.StackEndpoints;
import io.widerow.workload.DemoSchema;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The demo pipeline under names of its own (databases, HBase table, topics, index, replication
 * client id), so that each bench run starts from nothing and never reads another run's offsets.
 * Unlike the tests it keeps the demo's salt buckets and partitions: those shape the performance.
 */
public final class BenchPipelines {

  static final String HBASE_NAMESPACE = "widerow_bench";
  static final String KAFKA_PREFIX = "bench";
  static final String REFERENCE_RESOURCE = "reference/orders.pipeline.yaml";

  private BenchPipelines() {}

  /** A fresh name such as {@code bench_lx3k9a}, valid for databases, topics and indices. */
  public static String uniqueName(String prefix) {
    return prefix + "_" + Long.toString(System.currentTimeMillis(), 36);
  }

  public static DemoSchema schema(String name) {
    return new DemoSchema(name);
  }

  /**
   * The demo pipeline file reading databases {@code <name>_0, <name>_1}, everything named by name,
   * with a replication client id of its own; addresses stay placeholders.
   */
  public static String yaml(String name) {
    return RenamedDemo.yaml(name, HBASE_NAMESPACE, KAFKA_PREFIX, randomServerId());
  }

  /** The reference workload's pipeline file (issue 16) under names of its own, as {@link #yaml}. */
  public static String referenceYaml(String name) {
    return RenamedDemo.yaml(
        PipelineFiles.resourceText(REFERENCE_RESOURCE),
        name,
        HBASE_NAMESPACE,
        KAFKA_PREFIX,
        randomServerId());
  }

  /** {@link #yaml} loaded with the local stack's addresses. */
  public static Pipeline parse(StackEndpoints stack, String yaml) {
    return PipelineLoader.parse(yaml, "bench pipeline", PipelineFiles.environment(stack));
  }

  /** The demo pipeline reading databases {@code <name>_0, <name>_1}, everything named by name. */
  public static Pipeline pipeline(StackEndpoints stack, String name) {
    return parse(stack, yaml(name));
  }

  /**
   * The same sources and tables under another name, with a replication client id of its own: what a
   * stage ceiling runs, so that it shares no offsets, table or index with the pipeline measured.
   */
  public static Pipeline renamed(Pipeline p, String name) {
    Source s = p.sources().get(0);
    Source source = s.withIdentity(s.name(), randomServerId(), s.databases());
    ElasticsearchSpec es = p.elasticsearch();
    return new Pipeline(
        name,
        List.of(source),
        p.tables(),
        p.hbase().withTable(p.hbase().namespace(), name, p.hbase().saltBuckets()),
        p.kafka(),
        es.withIndex(name, es.shards(), es.replicas()));
  }

  private static long randomServerId() {
    // Unique per MariaDB server: two replication clients with one id disconnect each other.
    return 10_000 + ThreadLocalRandom.current().nextInt(1_000_000);
  }
}
