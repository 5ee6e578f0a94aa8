package io.widerow.stack;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** Server versions, injected from the parent pom's properties when deploy is built. */
public record StackVersions(
    String kafka, String hbase, String elasticsearch, String dependencyPlugin) {

  public static StackVersions load() {
    Properties p = new Properties();
    try (InputStream in = StackVersions.class.getResourceAsStream("versions.properties")) {
      if (in == null) {
        throw new IllegalStateException("versions.properties missing: rebuild deploy with mvn");
      }
      p.load(in);
    } catch (IOException e) {
      throw new IllegalStateException("cannot read versions.properties", e);
    }
    return new StackVersions(
        p.getProperty("kafka"),
        p.getProperty("hbase"),
        p.getProperty("elasticsearch"),
        p.getProperty("dependencyPlugin"));
  }
}
