package io.widerow.core.row;

/**
 * A message as a stage received it, before decoding.
 *
 * @param where {@code topic-partition@offset}, for logs and dead letters
 */
public record IncomingMessage(byte[] key, byte[] value, String where) {}
