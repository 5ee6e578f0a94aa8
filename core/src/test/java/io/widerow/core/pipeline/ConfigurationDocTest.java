package io.widerow.core.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * docs/configuration.md is generated from the key table; this fails when the committed file is not
 * what the table generates. Run with {@code -Dwiderow.docs.write=true} to regenerate it.
 */
class ConfigurationDocTest {

  @Test
  void theCommittedReferenceIsWhatTheKeyTableGenerates() throws IOException {
    Path file = Repository.file(ConfigurationDoc.FILE);
    String generated = ConfigurationDoc.markdown();
    if (Boolean.getBoolean("widerow.docs.write")) {
      Files.writeString(file, generated, StandardCharsets.UTF_8);
    }
    String committed = Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
    if (!committed.equals(generated)) {
      fail(
          ConfigurationDoc.FILE
              + " is not what io.widerow.core.pipeline.PipelineKeys generates ("
              + firstDifference(committed, generated)
              + "); regenerate it from the repository's root with: "
              + ConfigurationDoc.REGENERATE);
    }
  }

  @Test
  void theReferenceHasOneRowPerKeyInTableOrder() {
    List<String> rows =
        ConfigurationDoc.markdown().lines().filter(line -> line.startsWith("| `")).toList();

    assertThat(rows).hasSameSizeAs(PipelineKeys.all());
    for (int i = 0; i < rows.size(); i++) {
      assertThat(rows.get(i)).startsWith("| `" + PipelineKeys.all().get(i).path() + "` | ");
    }
  }

  @Test
  void allowedValuesAreEscapedSoThatRegularExpressionsSurviveMarkdown() {
    String physical = row(PipelineKeys.TABLE_PHYSICAL);

    assertThat(physical).contains("'shop\\_\\\\d+\\\\.orders\\_\\\\d+'");
  }

  private static String row(ConfigKey key) {
    return ConfigurationDoc.markdown()
        .lines()
        .filter(line -> line.startsWith("| `" + key.path() + "` | "))
        .findFirst()
        .orElseThrow();
  }

  private static String firstDifference(String committed, String generated) {
    List<String> a = committed.lines().toList();
    List<String> b = generated.lines().toList();
    for (int i = 0; i < Math.max(a.size(), b.size()); i++) {
      String was = i < a.size() ? a.get(i) : "(end of file)";
      String is = i < b.size() ? b.get(i) : "(end of file)";
      if (!was.equals(is)) {
        return "first difference at line "
            + (i + 1)
            + ": committed '"
            + was
            + "', generated '"
            + is
            + "'";
      }
    }
    return "they differ in line endings";
  }
}
