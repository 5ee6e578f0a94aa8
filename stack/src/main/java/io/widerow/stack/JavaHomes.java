package io.widerow.stack;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** Finds the JDK 17 the servers run on: Hadoop inside HBase fails on newer JDKs. */
final class JavaHomes {

  static final Path DEBIAN_JDK17 = Path.of("/usr/lib/jvm/java-17-openjdk-amd64");

  private JavaHomes() {}

  static Path jdk17(Optional<String> configured) {
    if (configured.isPresent()) {
      Path home = Path.of(configured.get());
      if (!Files.isExecutable(home.resolve("bin/java"))) {
        throw new IllegalArgumentException(
            "widerow.java.home: '" + home + "' has no bin/java; expected a JDK 17 home");
      }
      return home;
    }
    if (Runtime.version().feature() == 17) {
      return Path.of(System.getProperty("java.home"));
    }
    if (Files.isExecutable(DEBIAN_JDK17.resolve("bin/java"))) {
      return DEBIAN_JDK17;
    }
    throw new IllegalStateException(
        "no JDK 17 found: this JVM is "
            + Runtime.version()
            + " and "
            + DEBIAN_JDK17
            + " is missing; install openjdk-17-jdk-headless or set WIDEROW_JAVA_HOME");
  }
}
