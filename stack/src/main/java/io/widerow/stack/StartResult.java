package io.widerow.stack;

import java.time.Duration;

/**
 * How one server came up.
 *
 * @param reused true if it was already running and this start only checked it
 */
public record StartResult(String server, String address, long pid, boolean reused, Duration took) {}
