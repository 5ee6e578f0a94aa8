package io.widerow.query.explain;

/**
 * How many messages wait for a stage on the partition that carries one rowkey: the messages ahead
 * of a change of this entity that has not reached the index yet.
 *
 * @param stage {@code merger} or {@code indexer}
 * @param waiting messages not yet committed by the stage's consumer group; -1 when unknown
 */
public record StageBacklog(String stage, String topic, int partition, long waiting) {}
