package io.widerow.core.pipeline;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes docs/configuration.md, the reference of the pipeline file, from {@link PipelineKeys}. A
 * unit test fails when the file in the repository is not what this generates.
 */
public final class ConfigurationDoc {

  /** The reference's place in the repository. */
  public static final String FILE = "docs/configuration.md";

  /** The command that regenerates the reference, run from the repository's root. */
  public static final String REGENERATE =
      "mvn -q -B -pl core test -Dtest=ConfigurationDocTest -Dwiderow.docs.write=true";

  private static final String DEMO = "workload/src/main/resources/demo/orders.pipeline.yaml";

  private static final String INTRO =
      """
      One YAML file describes a pipeline, and all three services read it (`--pipeline FILE`).
      The demo's file, `{demo}`, is a complete example.

      - **Key paths.** `[]` stands for every element of a list; `<table>`, `<field>` and
        `<subfield>` stand for the names you give the entries of a mapping. Errors print the
        paths filled in, as in `tables.orders.key` or `sources[0].port`.
      - **Placeholders.** `${NAME}` and `${NAME:-default}` in a value are replaced from the
        environment; the default is taken when NAME is unset or empty. Only values are replaced,
        never keys, and a value is always one plain string, so it cannot change the file's
        structure. Inside `[ ]` or `{ }` a placeholder must be quoted, as in
        `['${NAME:-default}']`. Passwords are only ever named by their variable (`passwordEnv`).
      - **Text for numbers.** Integers and booleans may also be written as text, so that a
        placeholder can set them.
      - **Validation.** The file is validated in full when a service starts: an unknown key (with
        the closest known one as a hint), a key written twice, a missing key or a value outside
        the allowed ones is an error, every error names the key path, the value and what was
        expected, and a service given an invalid file exits with code 2.
      - **Defaults.** A key with a default may be left out; "required" keys may not.
      """;

  private ConfigurationDoc() {}

  /** Writes the reference to the path given, or to {@value #FILE} under the working directory. */
  public static void main(String[] args) throws IOException {
    Path file = Path.of(args.length > 0 ? args[0] : FILE);
    Files.writeString(file, markdown(), StandardCharsets.UTF_8);
  }

  /** The reference, one table row per key of the pipeline file. */
  public static String markdown() {
    StringBuilder md = new StringBuilder();
    md.append("# The pipeline file\n\n")
        .append("<!-- Generated from io.widerow.core.pipeline.PipelineKeys; do not edit.")
        .append(" Regenerate with: ")
        .append(REGENERATE)
        .append(" -->\n\n")
        .append(INTRO.replace("{demo}", DEMO))
        .append("\n| Key | Type | Default | Allowed | Description |\n")
        .append("|---|---|---|---|---|\n");
    for (ConfigKey key : PipelineKeys.all()) {
      md.append("| `")
          .append(key.path())
          .append("` | ")
          .append(key.type().text())
          .append(" | ")
          .append(plain(key.defaults().text()))
          .append(" | ")
          .append(plain(key.expected()))
          .append(" | ")
          .append(key.doc().replace("|", "\\|"))
          .append(" |\n");
    }
    return md.toString();
  }

  // Defaults and allowed values are the words errors print, not Markdown: regular expressions
  // must not turn into emphasis or links.
  private static String plain(String text) {
    StringBuilder escaped = new StringBuilder();
    for (char c : text.toCharArray()) {
      if ("\\`*_[]<>|".indexOf(c) >= 0) {
        escaped.append('\\');
      }
      escaped.append(c);
    }
    return escaped.toString();
  }
}
