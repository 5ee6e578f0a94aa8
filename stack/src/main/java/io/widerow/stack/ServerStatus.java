package io.widerow.stack;

import java.util.OptionalLong;

/**
 * A running (or not) server as {@code widerow stack status} shows it.
 *
 * @param rssKib resident memory now; {@code peakRssKib} the most since the process started
 */
public record ServerStatus(
    String server,
    String address,
    OptionalLong pid,
    boolean healthy,
    OptionalLong rssKib,
    OptionalLong peakRssKib) {}
