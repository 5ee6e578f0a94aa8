package io.widerow.query.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.widerow.query.RowJson;
import io.widerow.query.explain.Explainer;
import io.widerow.runtime.admin.AdminServer;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code GET /v1/{pipeline}/explain/{key}} on the indexer's admin port: the entity's cells with
 * their origins, {@code m:v}, the document's {@code _version} and the backlog, as JSON (see {@link
 * io.widerow.query.explain.Explanation#toJson}). 200 also for an unknown key: the explanation says
 * that nothing is stored.
 */
public final class ExplainEndpoint implements HttpHandler {

  private static final Logger LOG = LoggerFactory.getLogger(ExplainEndpoint.class);

  private final String prefix;
  private final Explainer explainer;

  public ExplainEndpoint(String pipeline, Explainer explainer) {
    this.prefix = "/v1/" + pipeline + "/explain/";
    this.explainer = explainer;
  }

  /** Serves the endpoint on {@code admin}. */
  public static void register(AdminServer admin, String pipeline, Explainer explainer) {
    ExplainEndpoint endpoint = new ExplainEndpoint(pipeline, explainer);
    admin.addHandler(endpoint.prefix, endpoint);
  }

  @Override
  public void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      if (!"GET".equals(exchange.getRequestMethod())) {
        respond(exchange, 405, Map.of("error", "only GET is served here"));
        return;
      }
      String raw = exchange.getRequestURI().getRawPath().substring(prefix.length());
      String key = URLDecoder.decode(raw, StandardCharsets.UTF_8);
      if (key.isEmpty() || key.contains("/")) {
        respond(exchange, 404, Map.of("error", "expected " + prefix + "{key}"));
        return;
      }
      try {
        respond(exchange, 200, explainer.explain(key).toJson());
      } catch (IllegalArgumentException e) {
        respond(exchange, 400, Map.of("error", String.valueOf(e.getMessage())));
      } catch (Exception e) {
        // Where it failed, never a row's content.
        LOG.error("explain at {} failed: {}", prefix, e.toString(), e);
        respond(exchange, 500, Map.of("error", "internal error; see the indexer log"));
      }
    }
  }

  private static void respond(HttpExchange exchange, int status, Map<String, Object> body)
      throws IOException {
    byte[] bytes = RowJson.write(body).getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
    exchange.sendResponseHeaders(status, bytes.length);
    exchange.getResponseBody().write(bytes);
  }
}
