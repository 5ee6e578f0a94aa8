package io.widerow.query.explain;

import java.util.List;

/** What waits for the merger and the indexer on the partitions that carry one rowkey. */
public interface PipelineBacklog extends AutoCloseable {

  List<StageBacklog> backlogOf(String rowkey) throws Exception;
}
