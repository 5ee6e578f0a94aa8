package io.widerow.core.pipeline;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Reads {@code sources}: the database instances, each read by one ingest engine. */
final class SourcesSection {

  // MySQL and MariaDB take server_id as an unsigned 32-bit integer.
  private static final long MAX_SERVER_ID = 4_294_967_295L;

  private final ConfigErrors errors;
  private final Map<String, String> pathByName = new HashMap<>();
  private final Map<Long, String> pathByServerId = new HashMap<>();

  private SourcesSection(ConfigErrors errors) {
    this.errors = errors;
  }

  /** The sources, or empty when any of them is invalid (the errors say which). */
  static Optional<List<Source>> read(ConfigMap file) {
    return new SourcesSection(file.errors()).readAll(file);
  }

  private Optional<List<Source>> readAll(ConfigMap file) {
    int errorsBefore = errors.count();
    List<Source> sources = new ArrayList<>();
    for (ConfigMap source : file.maps("sources", "a source {name, connector, host, ...}")) {
      readSource(source).ifPresent(sources::add);
    }
    return errors.count() == errorsBefore ? Optional.of(sources) : Optional.empty();
  }

  private Optional<Source> readSource(ConfigMap map) {
    map.allowOnly(
        "name",
        "connector",
        "host",
        "port",
        "user",
        "passwordEnv",
        "serverId",
        "databases",
        "snapshotKeyLimit");
    Optional<String> name = map.text("name", Names.SOURCE, Names.SOURCE_EXPECTED);
    Optional<Source.Connector> connector = map.choice("connector", Source.Connector.class);
    Optional<String> host = map.text("host", Names.HOST, Names.HOST_EXPECTED);
    Optional<Integer> port = map.integer("port", 1, 65535);
    Optional<String> user = map.text("user", "a user name");
    Optional<String> passwordEnv = map.text("passwordEnv", Names.ENV_VAR, Names.ENV_VAR_EXPECTED);
    Optional<Long> serverId = map.longInteger("serverId", 1, MAX_SERVER_ID);
    Optional<List<String>> databases = map.texts("databases", false, "database names");
    Optional<Integer> snapshotKeyLimit =
        map.integer(
            "snapshotKeyLimit",
            1,
            Source.MAX_SNAPSHOT_KEY_LIMIT,
            Source.DEFAULT_SNAPSHOT_KEY_LIMIT);
    name.ifPresent(n -> checkUnique(pathByName, n, map.pathOf("name"), "source name"));
    serverId.ifPresent(id -> checkUnique(pathByServerId, id, map.pathOf("serverId"), "serverId"));
    if (name.isEmpty()
        || connector.isEmpty()
        || host.isEmpty()
        || port.isEmpty()
        || user.isEmpty()
        || passwordEnv.isEmpty()
        || serverId.isEmpty()
        || databases.isEmpty()
        || snapshotKeyLimit.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(
        new Source(
            name.get(),
            connector.get(),
            host.get(),
            port.get(),
            user.get(),
            passwordEnv.get(),
            serverId.get(),
            databases.get(),
            snapshotKeyLimit.get()));
  }

  // Two engines with one server id make the server drop one of their binlog connections.
  private <K> void checkUnique(Map<K, String> pathByValue, K value, String path, String what) {
    String firstPath = pathByValue.putIfAbsent(value, path);
    if (firstPath != null) {
      errors.add(
          path,
          ConfigErrors.quote(String.valueOf(value))
              + " is already used at "
              + firstPath
              + "; expected a unique "
              + what);
    }
  }
}
