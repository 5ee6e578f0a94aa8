package io.widerow.verify;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A document as the index holds it, read by id.
 *
 * @param deleted a tombstone document: the entity was deleted
 * @param version the external version, the wide-row version {@code m:v} it was written with
 */
public record StoredDocument(String id, long version, boolean deleted, JsonNode source) {}
