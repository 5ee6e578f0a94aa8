package io.widerow.stack.elasticsearch;

import io.widerow.stack.MavenResolver;
import io.widerow.stack.ZipArchive;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * The integ-test-zip distribution from Maven Central (no bundled JDK; runs on JDK 17), fetched and
 * unpacked once into the server's directory.
 */
final class ElasticsearchDistribution {

  private final MavenResolver maven;
  private final String version;
  private final Path dir;

  ElasticsearchDistribution(MavenResolver maven, String version, Path dir) {
    this.maven = maven;
    this.version = version;
    this.dir = dir;
  }

  /** The unpacked {@code elasticsearch-<version>} directory (ES_HOME). */
  Path home() {
    return dir.resolve("dist/elasticsearch-" + version);
  }

  Path ensureUnpacked() throws IOException, InterruptedException {
    if (Files.isExecutable(home().resolve("bin/elasticsearch"))) {
      return home();
    }
    Path download = dir.resolve("download");
    Path zip = download.resolve("elasticsearch-" + version + ".zip");
    if (!Files.isRegularFile(zip)) {
      maven.copy(
          "org.elasticsearch.distribution.integ-test-zip:elasticsearch:" + version + ":zip",
          download);
    }
    // Unpack beside the target and rename, so an interrupted unpack never looks complete.
    Path partial = dir.resolve("dist/.unpacking");
    deleteRecursively(partial);
    Files.createDirectories(partial);
    ZipArchive.unpack(zip, partial);
    Files.move(partial.resolve("elasticsearch-" + version), home(), StandardCopyOption.ATOMIC_MOVE);
    deleteRecursively(partial);
    return home();
  }

  private static void deleteRecursively(Path path) throws IOException {
    if (!Files.exists(path)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(path)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }
}
