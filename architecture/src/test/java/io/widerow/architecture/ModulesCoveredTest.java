package io.widerow.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * ArchitectureTest sees only the modules this module depends on: every module of the root pom that
 * has main classes must be one of them, or a new module would pass the rule unchecked.
 */
class ModulesCoveredTest {

  private static final Pattern MODULE = Pattern.compile("<module>([^<]+)</module>");

  @Test
  void everyModuleWithMainClassesIsOnTheClasspath() throws IOException {
    Path root = Path.of("").toAbsolutePath().getParent(); // surefire runs in architecture/
    String rootPom = Files.readString(root.resolve("pom.xml"));
    assertThat(rootPom).contains("<artifactId>widerow-parent</artifactId>");

    List<String> modules = new ArrayList<>();
    List<String> unseen = new ArrayList<>();
    for (Matcher m = MODULE.matcher(rootPom); m.find(); ) {
      String module = m.group(1);
      Optional<String> someClass = someMainClass(root.resolve(module).resolve("src/main/java"));
      if (someClass.isPresent()) {
        modules.add(module);
        if (!loadable(someClass.get())) {
          unseen.add(module + " (" + someClass.get() + ")");
        }
      }
    }

    assertThat(modules).contains("core", "ingest", "cli", "bench-jmh");
    assertThat(unseen)
        .as("modules whose classes ArchitectureTest cannot see: add them to architecture/pom.xml")
        .isEmpty();
  }

  private static Optional<String> someMainClass(Path sources) throws IOException {
    if (!Files.isDirectory(sources)) {
      return Optional.empty();
    }
    try (Stream<Path> files = Files.walk(sources)) {
      return files
          .filter(f -> f.toString().endsWith(".java"))
          .filter(f -> !f.getFileName().toString().equals("package-info.java"))
          .sorted()
          .findFirst()
          .map(f -> sources.relativize(f).toString().replace('/', '.').replaceAll("\\.java$", ""));
    }
  }

  private static boolean loadable(String className) {
    try {
      Class.forName(className, false, ModulesCoveredTest.class.getClassLoader());
      return true;
    } catch (ClassNotFoundException e) {
      return false;
    }
  }
}
