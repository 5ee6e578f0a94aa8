package io.widerow.query.explain;

/**
 * An entity's document as the index holds it, read by id (a tombstone too).
 *
 * @param index the physical index it is in
 * @param version its external version: the {@code m:v} it was built with
 * @param tombstone whether it marks a deleted entity
 */
public record IndexedDocument(String index, long version, boolean tombstone) {}
