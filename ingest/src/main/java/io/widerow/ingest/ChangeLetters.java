package io.widerow.ingest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.widerow.core.change.BinlogPosition;
import io.widerow.core.change.ChangeEvent;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The value of a dead letter that holds a change ingest could not store: the change itself, with
 * everything {@code widerow dlq replay} needs to map it again (source, table, op, row images,
 * binlog position and commit time). Values are JSON-friendly already; integers decode as Long, as
 * cells do.
 */
public final class ChangeLetters {

  private static final ObjectMapper JSON =
      new ObjectMapper().enable(DeserializationFeature.USE_LONG_FOR_INTS);
  private static final TypeReference<LinkedHashMap<String, Object>> IMAGE =
      new TypeReference<>() {};

  private ChangeLetters() {}

  public static byte[] encode(ChangeEvent change) {
    Map<String, Object> value = new LinkedHashMap<>();
    value.put("source", change.source());
    value.put("database", change.database());
    value.put("table", change.table());
    value.put("op", change.op().name());
    value.put("before", change.before());
    value.put("after", change.after());
    if (change.position() != null) {
      value.put(
          "position",
          Map.of(
              "file", change.position().fileNumber(),
              "pos", change.position().position(),
              "row", change.position().row()));
    }
    value.put("ts", change.sourceTsMs());
    try {
      return JSON.writeValueAsBytes(value);
    } catch (JsonProcessingException e) {
      return ("{\"unwritable\":\"" + e.getClass().getSimpleName() + "\"}")
          .getBytes(StandardCharsets.UTF_8);
    }
  }

  /**
   * The change a letter holds.
   *
   * @throws IllegalArgumentException when the value is not one {@link #encode} wrote
   */
  public static ChangeEvent decode(byte[] value) {
    try {
      JsonNode json = JSON.readTree(value);
      if (json == null || !json.hasNonNull("op") || !json.hasNonNull("table")) {
        throw new IllegalArgumentException("not a change: no op or table");
      }
      JsonNode position = json.path("position");
      return new ChangeEvent(
          json.path("source").asText(),
          json.path("database").asText(),
          json.path("table").asText(),
          ChangeEvent.Op.valueOf(json.path("op").asText()),
          image(json.path("before")),
          image(json.path("after")),
          position.isMissingNode()
              ? null
              : new BinlogPosition(
                  position.path("file").asLong(),
                  position.path("pos").asLong(),
                  position.path("row").asInt()),
          json.path("ts").asLong());
    } catch (IOException e) {
      throw new IllegalArgumentException("not a change: " + e.getMessage(), e);
    }
  }

  private static Map<String, Object> image(JsonNode node) {
    return node.isObject() ? JSON.convertValue(node, IMAGE) : Map.of();
  }
}
