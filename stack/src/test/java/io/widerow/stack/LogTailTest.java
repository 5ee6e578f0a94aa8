package io.widerow.stack;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LogTailTest {

  @Test
  void lastLinesWithoutColourEscapesOrBlankLines(@TempDir Path dir) throws Exception {
    Path log = dir.resolve("server.log");
    Files.writeString(log, "one\ntwo\n\u001B[0m\u001B[0m\nthree\n\u001B[1;31mfour\u001B[m\n");

    assertThat(LogTail.lastLines(log, 3)).containsExactly("two", "three", "four");
  }

  @Test
  void describeSkipsMissingFilesAndNamesTheOthers(@TempDir Path dir) throws Exception {
    Path log = dir.resolve("error.log");
    Files.writeString(log, "fatal: disk full\n");

    String text = LogTail.describe(List.of(dir.resolve("missing.log"), log), 5);

    assertThat(text).contains("last lines of " + log).contains("fatal: disk full");
    assertThat(text).doesNotContain("missing.log");
  }
}
