package io.widerow.stack;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;

/** The last lines of a server's log, for error messages that must say why a start failed. */
public final class LogTail {

  private static final int MAX_BYTES = 64 * 1024;
  private static final Pattern ANSI_ESCAPE = Pattern.compile("\u001B\\[[0-9;]*[A-Za-z]");

  private LogTail() {}

  public static List<String> lastLines(Path file, int lines) {
    if (!Files.isRegularFile(file)) {
      return List.of();
    }
    try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "r")) {
      long length = raf.length();
      int size = (int) Math.min(length, MAX_BYTES);
      byte[] buf = new byte[size];
      raf.seek(length - size);
      raf.readFully(buf);
      // Maven colours its output even when told not to: strip the escapes, skip what is left blank.
      List<String> all =
          Arrays.stream(new String(buf, StandardCharsets.UTF_8).split("\n"))
              .map(l -> ANSI_ESCAPE.matcher(l).replaceAll(""))
              .filter(l -> !l.isBlank())
              .toList();
      return all.subList(Math.max(0, all.size() - lines), all.size());
    } catch (IOException e) {
      return List.of("(cannot read " + file + ": " + e.getMessage() + ")");
    }
  }

  /** The tail of each non-empty file, each under a header naming the file. */
  public static String describe(List<Path> files, int lines) {
    StringBuilder out = new StringBuilder();
    for (Path file : files) {
      List<String> tail = lastLines(file, lines);
      if (tail.isEmpty()) {
        continue;
      }
      out.append("\n  --- last lines of ").append(file).append(" ---");
      tail.forEach(l -> out.append("\n  ").append(l));
    }
    return out.toString();
  }
}
