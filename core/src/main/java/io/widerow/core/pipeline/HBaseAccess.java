package io.widerow.core.pipeline;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * How the HBase client is configured beyond the quorum: the cluster's own configuration files,
 * Kerberos, and settings passed through.
 *
 * @param configDir a directory whose hbase-site.xml and core-site.xml are loaded
 * @param siteFile one hbase-site.xml to load, instead of {@code configDir}
 * @param properties settings passed to the client's Configuration as they are
 */
public record HBaseAccess(
    Optional<Path> configDir,
    Optional<Path> siteFile,
    Optional<Kerberos> kerberos,
    Map<String, String> properties) {

  public static final HBaseAccess NONE =
      new HBaseAccess(Optional.empty(), Optional.empty(), Optional.empty(), Map.of());

  public HBaseAccess {
    properties = Map.copyOf(properties);
  }

  /** The principal widerow logs in as, from a keytab. */
  public record Kerberos(String principal, Path keytab) {}
}
