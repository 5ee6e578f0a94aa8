package io.widerow.local;

import io.widerow.core.pipeline.Pipeline;
import io.widerow.elasticsearch.ElasticsearchIndexes;
import io.widerow.hbase.WideTableSchema;
import io.widerow.kafka.PipelineTopics;

/**
 * Forgets everything a pipeline wrote downstream of its sources: the HBase table, the Kafka topics
 * (with ingest's binlog offsets) and consumer groups, and the indices. The next start snapshots the
 * sources again.
 */
public final class PipelineReset {

  private PipelineReset() {}

  public static void reset(Pipeline pipeline) throws Exception {
    WideTableSchema.dropTable(pipeline.hbase());
    PipelineTopics.delete(pipeline);
    ElasticsearchIndexes.delete(pipeline.elasticsearch());
  }
}
