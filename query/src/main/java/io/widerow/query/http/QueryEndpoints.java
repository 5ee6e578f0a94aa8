package io.widerow.query.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.widerow.core.index.SearchPage;
import io.widerow.core.row.WideRow;
import io.widerow.query.RowJson;
import io.widerow.query.WideRowClient;
import io.widerow.runtime.admin.AdminServer;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The query endpoints, JSON out: {@code GET /v1/{pipeline}/rows/{key}} (404 for an unknown key) and
 * {@code GET /v1/{pipeline}/search?q=…&from=…&size=…} (400 with the reason for a bad query).
 */
public final class QueryEndpoints implements HttpHandler {

  private static final Logger LOG = LoggerFactory.getLogger(QueryEndpoints.class);
  private static final int DEFAULT_SIZE = 10;

  private final String prefix;
  private final WideRowClient client;

  public QueryEndpoints(String pipeline, WideRowClient client) {
    this.prefix = "/v1/" + pipeline + "/";
    this.client = client;
  }

  /** Serves the endpoints on the service's admin port. */
  public static void register(AdminServer admin, String pipeline, WideRowClient client) {
    QueryEndpoints endpoints = new QueryEndpoints(pipeline, client);
    admin.addHandler(endpoints.prefix, endpoints);
  }

  @Override
  public void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      if (!"GET".equals(exchange.getRequestMethod())) {
        respond(exchange, 405, error("only GET is served here"));
        return;
      }
      String rest = exchange.getRequestURI().getPath().substring(prefix.length());
      try {
        if (rest.startsWith("rows/") && rest.length() > "rows/".length()) {
          getRow(exchange, rest.substring("rows/".length()));
        } else if (rest.equals("search")) {
          search(exchange, queryParameters(exchange.getRequestURI().getRawQuery()));
        } else {
          respond(exchange, 404, error("no endpoint " + exchange.getRequestURI().getPath()));
        }
      } catch (IllegalArgumentException e) {
        respond(exchange, 400, error(e.getMessage()));
      } catch (Exception e) {
        // The client sees no internals; the log says where it failed, never a row's content.
        LOG.error("query {} failed: {}", exchange.getRequestURI().getPath(), e.toString(), e);
        respond(exchange, 500, error("internal error; see the indexer log"));
      }
    }
  }

  private void getRow(HttpExchange exchange, String key) throws IOException {
    Optional<WideRow> row = client.get(key);
    if (row.isEmpty()) {
      respond(exchange, 404, error("no entity with key '" + key + "'"));
      return;
    }
    respond(exchange, 200, RowJson.row(key, row.get()));
  }

  private void search(HttpExchange exchange, Map<String, String> params) throws IOException {
    String q = params.get("q");
    if (q == null || q.isBlank()) {
      throw new IllegalArgumentException("parameter q (a query_string query) is required");
    }
    int from = intParameter(params, "from", 0);
    int size = intParameter(params, "size", DEFAULT_SIZE);
    SearchPage page = client.search(q, from, size);
    respond(exchange, 200, RowJson.page(page, client::keyOf));
  }

  private static int intParameter(Map<String, String> params, String name, int fallback) {
    String value = params.get(name);
    if (value == null || value.isEmpty()) {
      return fallback;
    }
    try {
      return Integer.parseInt(value);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "parameter " + name + ": '" + value + "' is not a whole number");
    }
  }

  static Map<String, String> queryParameters(String rawQuery) {
    Map<String, String> params = new HashMap<>();
    if (rawQuery == null) {
      return params;
    }
    for (String pair : rawQuery.split("&")) {
      int eq = pair.indexOf('=');
      String name = eq < 0 ? pair : pair.substring(0, eq);
      String value = eq < 0 ? "" : pair.substring(eq + 1);
      params.putIfAbsent(
          URLDecoder.decode(name, StandardCharsets.UTF_8),
          URLDecoder.decode(value, StandardCharsets.UTF_8));
    }
    return params;
  }

  private static Map<String, Object> error(String message) {
    return Map.of("error", message);
  }

  private static void respond(HttpExchange exchange, int status, Map<String, Object> body)
      throws IOException {
    byte[] bytes = RowJson.write(body).getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
    exchange.sendResponseHeaders(status, bytes.length);
    exchange.getResponseBody().write(bytes);
  }
}
