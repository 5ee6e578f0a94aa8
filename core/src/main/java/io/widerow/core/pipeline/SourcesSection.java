package io.widerow.core.pipeline;

import static io.widerow.core.pipeline.PipelineKeys.SOURCES;
import static io.widerow.core.pipeline.PipelineKeys.SOURCE_CONNECTOR;
import static io.widerow.core.pipeline.PipelineKeys.SOURCE_DATABASES;
import static io.widerow.core.pipeline.PipelineKeys.SOURCE_HOST;
import static io.widerow.core.pipeline.PipelineKeys.SOURCE_NAME;
import static io.widerow.core.pipeline.PipelineKeys.SOURCE_PASSWORD_ENV;
import static io.widerow.core.pipeline.PipelineKeys.SOURCE_PORT;
import static io.widerow.core.pipeline.PipelineKeys.SOURCE_SERVER_ID;
import static io.widerow.core.pipeline.PipelineKeys.SOURCE_SNAPSHOT_KEY_LIMIT;
import static io.widerow.core.pipeline.PipelineKeys.SOURCE_USER;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Reads {@code sources}: the database instances, each read by one ingest engine. */
final class SourcesSection {

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
    for (ConfigMap source : file.maps(SOURCES)) {
      readSource(source).ifPresent(sources::add);
    }
    return errors.count() == errorsBefore ? Optional.of(sources) : Optional.empty();
  }

  private Optional<Source> readSource(ConfigMap map) {
    map.allowOnlyDefined();
    Optional<String> name = map.text(SOURCE_NAME);
    Optional<Source.Connector> connector = map.choice(SOURCE_CONNECTOR, Source.Connector.class);
    Optional<String> host = map.text(SOURCE_HOST);
    Optional<Integer> port = map.integer(SOURCE_PORT);
    Optional<String> user = map.text(SOURCE_USER);
    Optional<Secret> password =
        SecuritySections.secret(
            map,
            SOURCE_PASSWORD_ENV,
            SecurityKeys.SOURCE_PASSWORD_FILE,
            true,
            "the user's password");
    Optional<Long> serverId = map.longInteger(SOURCE_SERVER_ID);
    Optional<List<String>> databases = map.texts(SOURCE_DATABASES);
    Optional<Integer> snapshotKeyLimit = map.integer(SOURCE_SNAPSHOT_KEY_LIMIT);
    Optional<SourceTls> tls = SecuritySections.sourceTls(map, connector);
    Optional<Map<String, String>> properties =
        SecuritySections.properties(
            map, SecurityKeys.SOURCE_PROPERTIES, SecuritySections.DEBEZIUM_OWNED);
    name.ifPresent(n -> checkUnique(pathByName, n, map.pathOf(SOURCE_NAME), "source name"));
    serverId.ifPresent(
        id -> checkUnique(pathByServerId, id, map.pathOf(SOURCE_SERVER_ID), "serverId"));
    if (name.isEmpty()
        || connector.isEmpty()
        || host.isEmpty()
        || port.isEmpty()
        || user.isEmpty()
        || password.isEmpty()
        || serverId.isEmpty()
        || databases.isEmpty()
        || snapshotKeyLimit.isEmpty()
        || tls.isEmpty()
        || properties.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(
        new Source(
            name.get(),
            connector.get(),
            host.get(),
            port.get(),
            user.get(),
            password.get(),
            serverId.get(),
            databases.get(),
            snapshotKeyLimit.get(),
            tls.get(),
            properties.get()));
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
