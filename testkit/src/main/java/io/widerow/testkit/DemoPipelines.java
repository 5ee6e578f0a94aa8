package io.widerow.testkit;

import io.widerow.core.pipeline.ElasticsearchSpec;
import io.widerow.core.pipeline.Pipeline;
import io.widerow.core.pipeline.Source;
import io.widerow.core.pipeline.TableSpec;
import io.widerow.stack.PipelineFiles;
import io.widerow.stack.StackEndpoints;
import io.widerow.workload.DemoSchema;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;

/**
 * The demo pipeline with names of its own (databases, HBase table, topics, index, replication
 * client id), so that a test run never sees the demo's rows or another run's offsets.
 */
public final class DemoPipelines {

  private DemoPipelines() {}

  /** A fresh name such as {@code e2e_lx3k9}, usable for databases, tables, topics and indices. */
  public static String uniqueName(String prefix) {
    return prefix + "_" + Long.toString(System.currentTimeMillis(), 36);
  }

  public static DemoSchema schema(String name) {
    return new DemoSchema(name);
  }

  public static Pipeline pipeline(StackEndpoints stack, String name) {
    Pipeline demo = PipelineFiles.demo(stack);
    Map<String, TableSpec> tables = new LinkedHashMap<>();
    demo.tables()
        .forEach(
            (logical, t) ->
                tables.put(
                    logical,
                    new TableSpec(
                        t.name(),
                        Pattern.compile(t.physical().pattern().replace("shop_", name + "_")),
                        t.keyColumn(),
                        t.primaryKey(),
                        t.cardinality(),
                        t.root(),
                        t.version(),
                        t.columns())));
    Source s = demo.sources().get(0);
    Source source =
        s.withIdentity(
            name,
            10_000 + ThreadLocalRandom.current().nextInt(1_000_000),
            List.of(name + "_0", name + "_1"));
    ElasticsearchSpec es = demo.elasticsearch();
    return new Pipeline(
        name,
        List.of(source),
        tables,
        demo.hbase().withTable("widerow_it", name, 4),
        demo.kafka().withTopics("it", 2),
        es.withIndex(name, 1, 0));
  }
}
