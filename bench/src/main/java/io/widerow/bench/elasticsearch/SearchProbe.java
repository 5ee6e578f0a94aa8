package io.widerow.bench.elasticsearch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What the bench asks Elasticsearch over plain HTTP: how many documents are searchable, which probe
 * markers are, and removing a run's indices. Searches go through the alias, so tombstones (filtered
 * by the alias) are not counted, as a user would not find them.
 */
public final class SearchProbe {

  private static final ObjectMapper JSON = new ObjectMapper();
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final URI base;

  public SearchProbe(URI base) {
    String s = base.toString();
    this.base = URI.create(s.endsWith("/") ? s : s + "/");
  }

  /** Searchable documents behind {@code alias}; 0 while the index does not exist yet. */
  public long count(String alias) throws IOException, InterruptedException {
    HttpResponse<String> r = send("GET", alias + "/_count", null);
    if (r.statusCode() == 404) {
      return 0;
    }
    return json(r).path("count").asLong();
  }

  /** The {@code user_id} each given order's searchable document shows (the probe's marker). */
  public Map<String, Long> userIds(String alias, List<String> orderIds)
      throws IOException, InterruptedException {
    String body =
        JSON.writeValueAsString(
            Map.of(
                "size", orderIds.size(),
                "_source", List.of("order_id", "user_id"),
                "query", Map.of("terms", Map.of("order_id", orderIds))));
    HttpResponse<String> r = send("POST", alias + "/_search", body);
    Map<String, Long> seen = new HashMap<>();
    if (r.statusCode() == 404) {
      return seen;
    }
    for (JsonNode hit : json(r).path("hits").path("hits")) {
      JsonNode source = hit.path("_source");
      seen.put(source.path("order_id").asText(), source.path("user_id").asLong());
    }
    return seen;
  }

  /**
   * The {@code version} field of each given document as of the last refresh ({@code _mget} with
   * {@code realtime=false}: what a search would see, not the translog); missing documents are left
   * out. The reference workload's probe reads the order's source version this way.
   */
  public Map<String, Long> versions(String alias, List<String> ids)
      throws IOException, InterruptedException {
    String body = JSON.writeValueAsString(Map.of("ids", ids));
    HttpResponse<String> r =
        send("POST", alias + "/_mget?realtime=false&_source_includes=version", body);
    Map<String, Long> versions = new HashMap<>();
    if (r.statusCode() == 404 || r.statusCode() == 503) {
      return versions; // nothing visible: no index, or its shard is not started
    }
    for (JsonNode doc : json(r).path("docs")) {
      JsonNode version = doc.path("_source").path("version");
      if (doc.path("found").asBoolean() && version.canConvertToLong()) {
        versions.put(doc.path("_id").asText(), version.asLong());
      }
    }
    return versions;
  }

  /** Searchable documents and the sums of two of their numeric fields. */
  public record Totals(long documents, long sumA, long sumB) {}

  /**
   * How many documents are searchable and the sums of {@code fieldA} and {@code fieldB} over them:
   * the backfill of the reference workload is complete when these reach the orders, items and
   * payments loaded. Zeros while the index does not exist yet.
   */
  public Totals totals(String alias, String fieldA, String fieldB)
      throws IOException, InterruptedException {
    String body =
        JSON.writeValueAsString(
            Map.of(
                "size",
                0,
                "track_total_hits",
                true,
                "aggs",
                Map.of(
                    "a", Map.of("sum", Map.of("field", fieldA)),
                    "b", Map.of("sum", Map.of("field", fieldB)))));
    HttpResponse<String> r = send("POST", alias + "/_search", body);
    if (r.statusCode() == 404 || r.statusCode() == 503) {
      return new Totals(0, 0, 0); // no index yet, or its shard is not yet started
    }
    JsonNode n = json(r);
    return new Totals(
        n.path("hits").path("total").path("value").asLong(),
        n.path("aggregations").path("a").path("value").asLong(),
        n.path("aggregations").path("b").path("value").asLong());
  }

  /**
   * Deletes the named indices (exact names: wildcards need {@code destructive_requires_name} off);
   * a missing one is fine.
   */
  public void deleteIndices(List<String> names) throws IOException, InterruptedException {
    String path = String.join(",", names) + "?ignore_unavailable=true";
    HttpResponse<String> r = send("DELETE", path, null);
    if (r.statusCode() >= 300 && r.statusCode() != 404) {
      throw new IOException("DELETE " + names + ": HTTP " + r.statusCode());
    }
  }

  private HttpResponse<String> send(String method, String path, String body)
      throws IOException, InterruptedException {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(base.resolve(path))
            .timeout(Duration.ofSeconds(30))
            .header("Content-Type", "application/json");
    b.method(
        method,
        body == null
            ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static JsonNode json(HttpResponse<String> r) throws IOException {
    if (r.statusCode() >= 300) {
      throw new IOException("HTTP " + r.statusCode() + " from " + r.uri());
    }
    return JSON.readTree(r.body());
  }
}
