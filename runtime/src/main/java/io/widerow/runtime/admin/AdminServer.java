package io.widerow.runtime.admin;

import com.codahale.metrics.MetricRegistry;
import com.codahale.metrics.health.HealthCheck;
import com.codahale.metrics.health.HealthCheckRegistry;
import com.codahale.metrics.json.MetricsModule;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import io.prometheus.client.CollectorRegistry;
import io.prometheus.client.dropwizard.DropwizardExports;
import io.prometheus.client.exporter.common.TextFormat;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.StringWriter;
import java.io.Writer;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SortedMap;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * A service's admin HTTP port: {@code /metrics} (JSON), {@code /metrics/prometheus} (text format
 * 0.0.4) and {@code /health} (200 when every check passes, else 503); services may add handlers.
 */
public final class AdminServer implements AutoCloseable {

  private final HttpServer server;
  private final ObjectMapper json;
  private final HealthCheckRegistry health;
  private final CollectorRegistry prometheus = new CollectorRegistry();

  public AdminServer(String host, int port, MetricRegistry metrics, HealthCheckRegistry health)
      throws IOException {
    this.health = health;
    this.json =
        new ObjectMapper()
            .registerModule(new MetricsModule(TimeUnit.SECONDS, TimeUnit.MILLISECONDS, false));
    new DropwizardExports(metrics).register(prometheus);
    this.server = HttpServer.create(new InetSocketAddress(host, port), 0);
    server.setExecutor(Executors.newFixedThreadPool(2, r -> daemon(r, "admin-http")));
    server.createContext("/metrics", ex -> handle(ex, () -> metricsJson(metrics)));
    server.createContext("/metrics/prometheus", this::prometheusText);
    server.createContext("/health", this::healthJson);
  }

  /** Serves {@code handler} under {@code path}, on this server's threads. */
  public void addHandler(String path, HttpHandler handler) {
    server.createContext(path, handler);
  }

  public void start() {
    server.start();
  }

  public int port() {
    return server.getAddress().getPort();
  }

  @Override
  public void close() {
    server.stop(0);
    ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
  }

  private interface Body {
    byte[] get() throws IOException;
  }

  private void handle(HttpExchange ex, Body body) throws IOException {
    try (ex) {
      byte[] bytes = body.get();
      ex.getResponseHeaders().set("Content-Type", "application/json");
      ex.sendResponseHeaders(200, bytes.length);
      ex.getResponseBody().write(bytes);
    }
  }

  private byte[] metricsJson(MetricRegistry metrics) throws IOException {
    return json.writerWithDefaultPrettyPrinter().writeValueAsBytes(metrics);
  }

  private void prometheusText(HttpExchange ex) throws IOException {
    try (ex) {
      StringWriter text = new StringWriter();
      TextFormat.write004(text, prometheus.metricFamilySamples());
      byte[] bytes = text.toString().getBytes(StandardCharsets.UTF_8);
      ex.getResponseHeaders().set("Content-Type", TextFormat.CONTENT_TYPE_004);
      ex.sendResponseHeaders(200, bytes.length);
      ex.getResponseBody().write(bytes);
    }
  }

  private void healthJson(HttpExchange ex) throws IOException {
    try (ex) {
      SortedMap<String, HealthCheck.Result> results = health.runHealthChecks();
      boolean healthy = results.values().stream().allMatch(HealthCheck.Result::isHealthy);
      Map<String, Object> body = new LinkedHashMap<>();
      body.put("healthy", healthy);
      Map<String, Object> checks = new LinkedHashMap<>();
      results.forEach(
          (name, r) ->
              checks.put(
                  name,
                  Map.of("healthy", r.isHealthy(), "message", String.valueOf(r.getMessage()))));
      body.put("checks", checks);
      byte[] bytes = json.writerWithDefaultPrettyPrinter().writeValueAsBytes(body);
      ex.getResponseHeaders().set("Content-Type", "application/json");
      ex.sendResponseHeaders(healthy ? 200 : 503, bytes.length);
      try (Writer w = new OutputStreamWriter(ex.getResponseBody(), StandardCharsets.UTF_8)) {
        w.write(new String(bytes, StandardCharsets.UTF_8));
      }
    }
  }

  private static Thread daemon(Runnable r, String name) {
    Thread t = new Thread(r, name);
    t.setDaemon(true);
    return t;
  }
}
