package io.widerow.core.change;

import java.util.OptionalLong;

/**
 * Where a change sits in a source's binlog, and its packing into a row version for tables without a
 * version column.
 *
 * <p>The version is {@code fileNumber << 33 | (position + row) << 1 | (snapshot ? 0 : 1)}:
 *
 * <ul>
 *   <li>{@code position} is where the rows event starts and {@code row} the row's index in it.
 *       Every row takes at least one byte of its event, so {@code position + row} is below the next
 *       event's position: strictly increasing within a file without spending bits on the index.
 *   <li>The low bit puts a snapshot read just below a streamed change at the same position (the
 *       snapshot's rows all carry the position streaming resumes from).
 *   <li>Limits: file numbers below 2^30 (the {@code .000123} extension), positions plus row index
 *       below 2^32 - 1 (4 GiB; a binlog file only outgrows {@code max_binlog_size}, at most 1 GiB,
 *       by one transaction). Versions are monotonic per server only: after a failover to a replica
 *       with other file numbering they are not comparable, so such tables need a version column.
 * </ul>
 *
 * @param fileNumber the numeric extension of the binlog file name, e.g. 123 for {@code bin.000123}
 * @param position byte offset of the event in the file
 * @param row index of the row within its rows event
 */
public record BinlogPosition(long fileNumber, long position, int row) {

  static final long MAX_FILE_NUMBER = (1L << 30) - 1;
  static final long MAX_OFFSET = (1L << 32) - 2;

  /** The numeric extension of a binlog file name ({@code mariadb-bin.000042} → 42), if any. */
  public static OptionalLong fileNumberOf(String fileName) {
    if (fileName == null) {
      return OptionalLong.empty();
    }
    String extension = fileName.substring(fileName.lastIndexOf('.') + 1);
    if (extension.isEmpty()
        || extension.length() > 18
        || !extension.chars().allMatch(Character::isDigit)) {
      return OptionalLong.empty();
    }
    return OptionalLong.of(Long.parseLong(extension));
  }

  /** The packed version, or empty when this position is beyond the packing's limits. */
  public OptionalLong version(boolean snapshot) {
    long offset = position + row;
    if (fileNumber < 0
        || fileNumber > MAX_FILE_NUMBER
        || position < 0
        || row < 0
        || offset > MAX_OFFSET) {
      return OptionalLong.empty();
    }
    return OptionalLong.of(fileNumber << 33 | offset << 1 | (snapshot ? 0 : 1));
  }

  @Override
  public String toString() {
    return fileNumber + ":" + position + "#" + row;
  }
}
