package io.widerow.core.pipeline;

import java.nio.file.Files;
import java.nio.file.Path;

/** Files of the repository that a core test reads, found from the module's working directory. */
final class Repository {

  private Repository() {}

  /** The repository's root: the nearest directory up from here that holds core/pom.xml. */
  static Path root() {
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      if (Files.isRegularFile(dir.resolve("core/pom.xml"))) {
        return dir;
      }
    }
    throw new IllegalStateException(
        "no directory above " + Path.of("").toAbsolutePath() + " holds core/pom.xml");
  }

  static Path file(String relative) {
    return root().resolve(relative);
  }
}
