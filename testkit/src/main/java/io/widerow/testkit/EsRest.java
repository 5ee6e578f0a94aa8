package io.widerow.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.util.Map;

/** Plain REST calls to Elasticsearch for tests: what they check is seen as any client would. */
public final class EsRest {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final String base;
  private final HttpClient http = HttpClient.newHttpClient();

  public EsRest(String baseUrl) {
    this.base = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
  }

  /** {@code GET /index/_doc/id}: {@code _version} and {@code _source}, or an empty node. */
  public JsonNode document(String index, String id) throws Exception {
    HttpResponse<String> r = send("GET", "/" + index + "/_doc/" + id, null);
    return r.statusCode() == 200 ? JSON.readTree(r.body()) : JSON.createObjectNode();
  }

  public long count(String index, String queryString) throws Exception {
    String body =
        JSON.writeValueAsString(
            Map.of("query", Map.of("query_string", Map.of("query", queryString))));
    HttpResponse<String> r = send("POST", "/" + index + "/_count", body);
    expectOk(r);
    return JSON.readTree(r.body()).path("count").asLong();
  }

  public void refresh(String index) throws Exception {
    expectOk(send("POST", "/" + index + "/_refresh", null));
  }

  public void putSettings(String index, String json) throws Exception {
    expectOk(send("PUT", "/" + index + "/_settings", json));
  }

  public void put(String path, String json) throws Exception {
    expectOk(send("PUT", path, json));
  }

  public void delete(String path) throws Exception {
    expectOk(send("DELETE", path, null));
  }

  /** The status of a PUT, whatever it is. */
  public int tryPut(String path, String json) throws Exception {
    return send("PUT", path, json).statusCode();
  }

  public void deleteIndex(String index) throws Exception {
    send("DELETE", "/" + index + "?ignore_unavailable=true", null);
  }

  private HttpResponse<String> send(String method, String path, String body)
      throws IOException, InterruptedException {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(base + path)).header("Content-Type", "application/json");
    request.method(method, body == null ? BodyPublishers.noBody() : BodyPublishers.ofString(body));
    return http.send(request.build(), BodyHandlers.ofString());
  }

  private static void expectOk(HttpResponse<String> r) {
    if (r.statusCode() / 100 != 2) {
      throw new AssertionError(
          r.request().method()
              + " "
              + r.request().uri()
              + " -> "
              + r.statusCode()
              + ": "
              + r.body());
    }
  }
}
