package io.widerow.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.widerow.core.document.BuildOutcome;
import io.widerow.core.document.DocumentBuilder;
import io.widerow.core.document.IndexAction;
import io.widerow.core.index.IndexLayout;
import io.widerow.core.row.SourceRow;
import io.widerow.core.row.WideRow;
import io.widerow.e2e.disorder.RowDiff;
import io.widerow.e2e.disorder.RowDiff.Found;
import io.widerow.e2e.disorder.SourceHistory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Compares the wide table and the index with the source model after the pipeline went idle. The
 * expected document is what {@link DocumentBuilder} makes of the <em>model's</em> row at the stored
 * {@code m:v}: the mapping of fields is not under test here, which change won is. A deleted entity
 * must be absent through the alias and a tombstone at {@code m:v} in the physical index.
 */
final class EntityCheck {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final DisorderPipeline p;
  private final DocumentBuilder builder;
  private final HttpClient http = HttpClient.newHttpClient();
  private final String esUrl;

  EntityCheck(DisorderPipeline p) {
    this.p = p;
    this.builder = new DocumentBuilder(p.pipeline, p.rowkeys::decode);
    this.esUrl = p.pipeline.elasticsearch().hosts().get(0).toString().replaceAll("/$", "");
  }

  /** The differences of each history that has any, by seed. */
  Map<Long, List<String>> differences(List<SourceHistory> histories) throws Exception {
    List<String> rowkeys = new ArrayList<>();
    histories.forEach(h -> h.entities().forEach(e -> rowkeys.add(p.rowkeys.encode(e))));
    Map<String, WideRow> rows = new HashMap<>();
    for (WideRow row : p.store.read(rowkeys)) {
      rows.put(row.rowkey(), row);
    }
    Map<String, Found> visible = search(p.alias(), rowkeys);
    Map<String, Found> stored = search(p.physicalIndex(), rowkeys);
    Map<Long, List<String>> failures = new LinkedHashMap<>();
    for (SourceHistory h : histories) {
      List<String> lines = new ArrayList<>();
      for (String entity : h.entities()) {
        for (String line :
            entity(entity, h.expected().getOrDefault(entity, Map.of()), rows, visible, stored)) {
          lines.add(entity + " " + line);
        }
      }
      if (!lines.isEmpty()) {
        failures.put(h.seed(), lines);
      }
    }
    return failures;
  }

  private List<String> entity(
      String entity,
      Map<String, SourceRow> expected,
      Map<String, WideRow> rows,
      Map<String, Found> visible,
      Map<String, Found> stored)
      throws Exception {
    String rowkey = p.rowkeys.encode(entity);
    WideRow actual = rows.get(rowkey);
    List<String> lines = new ArrayList<>(RowDiff.cells(expected, actual.cells()));
    if (expected.isEmpty()) {
      if (visible.containsKey(entity) || stored.containsKey(entity)) {
        lines.add("es: a document exists for an entity the source never had");
      }
      return lines;
    }
    if (actual.version() == 0) {
      lines.add("hbase m:v is 0: the row was never bumped");
      return lines;
    }
    var outcome = builder.build(new WideRow(rowkey, actual.version(), expected));
    IndexAction action = ((BuildOutcome.Ready) outcome).action();
    JsonNode want =
        action instanceof IndexAction.Upsert upsert
            ? JSON.readTree(JSON.writeValueAsString(upsert.document()))
            : null;
    lines.addAll(RowDiff.document(want, actual.version(), visible.get(entity)));
    Found kept = stored.get(entity);
    if (want == null
        && (kept == null
            || kept.version() != actual.version()
            || !kept.source().path(IndexLayout.DELETED_FIELD).asBoolean())) {
      lines.add("es: expected a tombstone at m:v " + actual.version() + ", found " + kept);
    }
    return lines;
  }

  /** Documents whose rowkey is one of {@code rowkeys}, by id, with their versions. */
  private Map<String, Found> search(String index, List<String> rowkeys) throws Exception {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("query", Map.of("terms", Map.of(IndexLayout.ROWKEY_FIELD, rowkeys)));
    body.put("size", rowkeys.size() + 1);
    body.put("version", true);
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(esUrl + "/" + index + "/_search"))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)))
            .build();
    HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != 200) {
      throw new AssertionError("search of " + index + " -> " + response.statusCode());
    }
    Map<String, Found> found = new HashMap<>();
    for (JsonNode hit : JSON.readTree(response.body()).path("hits").path("hits")) {
      found.put(
          hit.path("_id").asText(), new Found(hit.path("_version").asLong(), hit.path("_source")));
    }
    return found;
  }
}
