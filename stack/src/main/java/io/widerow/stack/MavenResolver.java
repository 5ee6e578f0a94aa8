package io.widerow.stack;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Fetches server jars from Maven Central by running {@code mvn} from PATH, and caches the result in
 * the stack's home so a warm start runs no Maven at all.
 */
public final class MavenResolver {

  // Maven 3.8 does not lock its local repository: two mvn processes downloading the same plugin
  // at once can corrupt it, so the servers take turns.
  private static final ReentrantLock MAVEN = new ReentrantLock();
  private static final Duration TIMEOUT = Duration.ofMinutes(15);

  private final Optional<Path> repoLocal;
  private final StackVersions versions;

  public MavenResolver(Optional<Path> repoLocal, StackVersions versions) {
    this.repoLocal = repoLocal;
    this.versions = versions;
  }

  /**
   * The classpath of the dependencies in {@code pomResource} (a pom shipped next to {@code owner}),
   * resolved once into {@code dir} and reused while the pom is unchanged and every jar exists.
   */
  public String classpath(Class<?> owner, String pomResource, Path dir)
      throws IOException, InterruptedException {
    Files.createDirectories(dir);
    byte[] pom = resource(owner, pomResource);
    Path pomFile = dir.resolve("pom.xml");
    Path cpFile = dir.resolve("classpath.txt");
    boolean pomChanged = !Files.exists(pomFile) || !Arrays.equals(Files.readAllBytes(pomFile), pom);
    if (!pomChanged && isComplete(cpFile)) {
      return Files.readString(cpFile).trim();
    }
    Files.write(pomFile, pom);
    Files.deleteIfExists(cpFile);
    List<String> cmd = mvn();
    cmd.addAll(
        List.of(
            "-f", pomFile.toString(), "dependency:build-classpath", "-Dmdep.outputFile=" + cpFile));
    runMaven(cmd, dir, dir.resolve("resolve.log"));
    return Files.readString(cpFile).trim();
  }

  /** Copies one artifact ({@code group:artifact:version:type}) into {@code outDir}. */
  public void copy(String coordinates, Path outDir) throws IOException, InterruptedException {
    Files.createDirectories(outDir);
    List<String> cmd = mvn();
    cmd.addAll(
        List.of(
            "org.apache.maven.plugins:maven-dependency-plugin:"
                + versions.dependencyPlugin()
                + ":copy",
            "-Dartifact=" + coordinates,
            "-DoutputDirectory=" + outDir));
    // Run where there is no pom.xml, so Maven needs no project for the copy goal.
    runMaven(cmd, outDir, outDir.resolve("fetch.log"));
  }

  private void runMaven(List<String> cmd, Path workDir, Path log)
      throws IOException, InterruptedException {
    if (ExternalCommand.which("mvn").isEmpty()) {
      throw new IllegalStateException(
          "mvn not found on PATH: install Maven 3.8+ (apt-get install maven)");
    }
    MAVEN.lockInterruptibly();
    try {
      ExternalCommand.run(cmd, workDir, Map.of(), log, TIMEOUT);
    } finally {
      MAVEN.unlock();
    }
  }

  private List<String> mvn() {
    List<String> cmd = new ArrayList<>(List.of("mvn", "-q", "-B", "-Dstyle.color=never"));
    repoLocal.ifPresent(r -> cmd.add("-Dmaven.repo.local=" + r));
    return cmd;
  }

  /** True if the cached classpath exists and none of its jars was removed since. */
  private static boolean isComplete(Path cpFile) throws IOException {
    if (!Files.isRegularFile(cpFile)) {
      return false;
    }
    String cp = Files.readString(cpFile).trim();
    return !cp.isEmpty()
        && Arrays.stream(cp.split(java.io.File.pathSeparator))
            .allMatch(j -> Files.exists(Path.of(j)));
  }

  private static byte[] resource(Class<?> owner, String name) throws IOException {
    try (InputStream in = owner.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException(name + " missing next to " + owner.getName());
      }
      return in.readAllBytes();
    }
  }
}
