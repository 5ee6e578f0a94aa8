package io.widerow.query.http;

import com.codahale.metrics.Timer;
import io.widerow.core.index.SearchIndex;
import io.widerow.core.index.SearchIndex.SearchQuery;
import io.widerow.core.row.WideRow;
import io.widerow.query.QueryMetrics;
import io.widerow.query.RowJson;
import io.widerow.query.WideRowClient;
import io.widerow.query.auth.BearerTokens;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Routes, authenticates and answers the query API's requests. Runs on Jetty's threads and never
 * blocks there: a request that needs HBase or Elasticsearch goes to the bounded worker pool, and
 * when that pool and its queue are full the request is answered 503 with {@code Retry-After} at
 * once, instead of waiting behind work it cannot overtake.
 */
final class QueryHandler extends Handler.Abstract.NonBlocking {

  static final String OPENAPI_PATH = "/v1/openapi.json";

  private static final Logger LOG = LoggerFactory.getLogger(QueryHandler.class);
  private static final List<String> MULTI_GET_PARAMETERS = List.of("keys");
  private static final String RETRY_AFTER_SECONDS = "1";

  private final String pipeline;
  private final WideRowClient client;
  private final SearchParameters searches;
  private final int maxKeys;
  private final BearerTokens tokens;
  private final Executor workers;
  private final QueryMetrics metrics;
  private final byte[] openApi;

  QueryHandler(
      String pipeline,
      WideRowClient client,
      SearchParameters searches,
      int maxKeys,
      BearerTokens tokens,
      Executor workers,
      QueryMetrics metrics) {
    this.pipeline = pipeline;
    this.client = client;
    this.searches = searches;
    this.maxKeys = maxKeys;
    this.tokens = tokens;
    this.workers = workers;
    this.metrics = metrics;
    this.openApi = OpenApi.document();
  }

  /** What a worker computes for one request. */
  @FunctionalInterface
  private interface Work {
    Reply run() throws Exception;
  }

  @Override
  public boolean handle(Request request, Response response, Callback callback) {
    long arrived = System.nanoTime();
    try {
      route(request, response, callback, arrived);
    } catch (ApiException e) {
      reply(response, callback, errorReply(e));
    }
    return true;
  }

  private void route(Request request, Response response, Callback callback, long arrived) {
    String path = Request.getPathInContext(request);
    if (!"GET".equals(request.getMethod())) {
      response.getHeaders().put(HttpHeader.ALLOW, "GET");
      throw new ApiException(405, "method_not_allowed", "only GET is served here");
    }
    if (path.equals(OPENAPI_PATH)) {
      Replies.write(response, callback, 200, openApi);
      return;
    }
    if (!path.startsWith("/v1/") || path.indexOf('/', 4) < 0) {
      throw ApiException.notFound("no endpoint " + path + "; see " + OPENAPI_PATH + " for the API");
    }
    int slash = path.indexOf('/', 4);
    String asked = path.substring(4, slash);
    String endpoint = path.substring(slash + 1);
    authorize(request, response, asked);
    if (!asked.equals(pipeline)) {
      throw ApiException.notFound(
          "pipeline '" + asked + "' is not served here; this server serves '" + pipeline + "'");
    }
    QueryParameters params = QueryParameters.parse(request.getHttpURI().getQuery());
    if (endpoint.startsWith("rows/") && endpoint.length() > "rows/".length()) {
      params.allowOnly(List.of());
      String key = endpoint.substring("rows/".length());
      dispatch(response, callback, metrics.get(), arrived, "get " + key, () -> getRow(key));
    } else if (endpoint.equals("rows")) {
      params.allowOnly(MULTI_GET_PARAMETERS);
      List<String> keys = keys(params);
      dispatch(response, callback, metrics.multiGet(), arrived, "multi-get", () -> getRows(keys));
    } else if (endpoint.equals("search")) {
      SearchQuery query = searches.read(params);
      // The query itself is not logged: it may hold personal data.
      dispatch(response, callback, metrics.search(), arrived, "search", () -> search(query));
    } else {
      throw ApiException.notFound("no endpoint " + path + "; see " + OPENAPI_PATH + " for the API");
    }
  }

  private void authorize(Request request, Response response, String asked) {
    String authorization = request.getHeaders().get(HttpHeader.AUTHORIZATION);
    switch (tokens.check(authorization, isLoopback(request), asked)) {
      case GRANTED -> {}
      case MISSING -> {
        metrics.unauthorized();
        response.getHeaders().put(HttpHeader.WWW_AUTHENTICATE, "Bearer realm=\"widerow\"");
        throw new ApiException(
            401, "unauthorized", "a bearer token is required: Authorization: Bearer TOKEN");
      }
      case UNKNOWN -> {
        metrics.unauthorized();
        response
            .getHeaders()
            .put(HttpHeader.WWW_AUTHENTICATE, "Bearer realm=\"widerow\", error=\"invalid_token\"");
        throw new ApiException(401, "unauthorized", "the bearer token is not valid");
      }
      case FORBIDDEN -> {
        metrics.forbidden();
        throw new ApiException(
            403, "forbidden", "the bearer token does not grant pipeline '" + asked + "'");
      }
    }
  }

  private static boolean isLoopback(Request request) {
    SocketAddress remote = request.getConnectionMetaData().getRemoteSocketAddress();
    return remote instanceof InetSocketAddress inet
        && inet.getAddress() != null
        && inet.getAddress().isLoopbackAddress();
  }

  private List<String> keys(QueryParameters params) {
    LinkedHashSet<String> keys = new LinkedHashSet<>();
    for (String value : params.all("keys")) {
      for (String key : value.split(",")) {
        if (!key.isBlank()) {
          keys.add(key.strip());
        }
      }
    }
    if (keys.isEmpty()) {
      throw ApiException.badRequest(
          "keys (comma-separated entity keys, as in keys=a,b,c) is required");
    }
    if (keys.size() > maxKeys) {
      throw ApiException.badRequest(
          "keys: "
              + keys.size()
              + " keys; expected at most "
              + maxKeys
              + " (query.limits.maxKeys)");
    }
    return List.copyOf(keys);
  }

  private void dispatch(
      Response response, Callback callback, Timer timer, long arrived, String where, Work work) {
    try {
      workers.execute(() -> reply(response, callback, timer, arrived, where, work));
    } catch (RejectedExecutionException e) {
      metrics.rejected();
      response.getHeaders().put(HttpHeader.RETRY_AFTER, RETRY_AFTER_SECONDS);
      reply(
          response,
          callback,
          new Reply(
              503,
              Replies.error(
                  "overloaded", "every query worker is busy and the queue is full; retry later")));
    }
  }

  private void reply(
      Response response, Callback callback, Timer timer, long arrived, String where, Work work) {
    Reply reply;
    try {
      reply = work.run();
    } catch (ApiException e) {
      reply = errorReply(e);
    } catch (IllegalArgumentException e) {
      // The index refused the query: its reason is for the caller.
      reply = errorReply(new ApiException(400, "bad_query", e.getMessage()));
    } catch (Exception e) {
      // The caller sees no internals; the log says where it failed, never a row's content.
      LOG.error("{} of pipeline {} failed: {}", where, pipeline, e.toString(), e);
      metrics.serverError();
      reply = new Reply(500, Replies.error("internal", "the query failed; see the server's log"));
    }
    timer.update(System.nanoTime() - arrived, TimeUnit.NANOSECONDS);
    reply(response, callback, reply);
  }

  private Reply errorReply(ApiException e) {
    if (e.status() != 401 && e.status() != 403) {
      metrics.clientError();
    }
    return new Reply(e.status(), Replies.error(e.code(), e.getMessage()));
  }

  private static void reply(Response response, Callback callback, Reply reply) {
    Replies.write(response, callback, reply.status(), Replies.json(reply.body()));
  }

  private Reply getRow(String key) throws Exception {
    Optional<WideRow> row = client.get(key);
    if (row.isEmpty()) {
      throw ApiException.notFound("no entity with key '" + key + "'");
    }
    return new Reply(200, RowJson.row(key, row.get()));
  }

  private Reply getRows(List<String> keys) throws Exception {
    List<Optional<WideRow>> rows = client.getAll(keys);
    List<Map<String, Object>> found = new ArrayList<>(rows.size());
    List<String> missing = new ArrayList<>();
    for (int i = 0; i < keys.size(); i++) {
      if (rows.get(i).isPresent()) {
        found.add(RowJson.row(keys.get(i), rows.get(i).get()));
      } else {
        missing.add(keys.get(i));
      }
    }
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("rows", found);
    body.put("missing", missing);
    return new Reply(200, body);
  }

  private Reply search(SearchQuery query) throws Exception {
    Map<String, Object> body = new LinkedHashMap<>();
    SearchIndex.Hits hits;
    if (query.documents()) {
      hits = client.searchDocuments(query);
      List<Map<String, Object>> documents = new ArrayList<>(hits.hits().size());
      for (SearchIndex.Hit hit : hits.hits()) {
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("key", client.keyOf(hit.rowkey()));
        document.put("rowkey", hit.rowkey());
        Map<String, Object> fields = new LinkedHashMap<>(hit.document());
        fields.remove(io.widerow.core.index.IndexLayout.ROWKEY_FIELD);
        document.put("document", fields);
        documents.add(document);
      }
      pageHeader(body, hits, query);
      body.put("documents", documents);
    } else {
      WideRowClient.RowPage page = client.searchRows(query);
      hits = page.hits();
      List<Map<String, Object>> rows = new ArrayList<>(page.rows().size());
      page.rows().forEach(row -> rows.add(RowJson.row(client.keyOf(row), row)));
      pageHeader(body, hits, query);
      body.put("rows", rows);
    }
    // A full page may have more behind it; the last hit's sort values say where it ended.
    if (query.size() > 0 && hits.hits().size() == query.size()) {
      body.put("next", SearchCursor.encode(hits.hits().get(hits.hits().size() - 1).sortValues()));
    }
    return new Reply(200, body);
  }

  private static void pageHeader(
      Map<String, Object> body, SearchIndex.Hits hits, SearchQuery query) {
    body.put("total", hits.total());
    body.put("totalRelation", hits.exact() ? "eq" : "gte");
    body.put("timedOut", hits.timedOut());
    body.put("from", query.from());
    body.put("size", query.size());
  }

  /** An answer: status and JSON body. */
  record Reply(int status, Object body) {}
}
