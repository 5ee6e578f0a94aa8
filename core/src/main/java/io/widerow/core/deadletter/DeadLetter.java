package io.widerow.core.deadletter;

/**
 * A record the pipeline could not process, set aside with why and where so that the pipeline can
 * move on and an operator can repair it.
 *
 * @param stage the service and step that gave up, e.g. {@code ingest.mapper}
 * @param key the rowkey or original message key; may be null
 * @param value the original message value, when there is one; may be null
 * @param reason what is wrong, naming the column or field
 * @param where the source position: binlog file and position, or topic-partition@offset
 */
public record DeadLetter(String stage, byte[] key, byte[] value, String reason, String where) {}
