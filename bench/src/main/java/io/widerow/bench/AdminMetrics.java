package io.widerow.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A service's counters and timer means read from its admin port's {@code /metrics} (Dropwizard's
 * JSON: counters and meters with a {@code count}, timers with a {@code mean} in ms), for services
 * running as processes of their own.
 */
final class AdminMetrics {

  private static final ObjectMapper JSON = new ObjectMapper();
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  /** The counts and means of one service's metrics JSON. */
  record Values(Map<String, Long> counts, Map<String, Double> meanMillis) {}

  Values read(int adminPort) throws IOException, InterruptedException {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + adminPort + "/metrics"))
            .timeout(Duration.ofSeconds(10))
            .build();
    HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString());
    if (r.statusCode() != 200) {
      throw new IOException("HTTP " + r.statusCode() + " from " + request.uri());
    }
    return parse(JSON.readTree(r.body()));
  }

  static Values parse(JsonNode metrics) {
    Map<String, Long> counts = new LinkedHashMap<>();
    for (String kind : new String[] {"counters", "meters", "timers"}) {
      metrics
          .path(kind)
          .fields()
          .forEachRemaining(e -> counts.put(e.getKey(), e.getValue().path("count").asLong()));
    }
    Map<String, Double> means = new LinkedHashMap<>();
    metrics
        .path("timers")
        .fields()
        .forEachRemaining(
            e -> means.put(e.getKey(), e.getValue().path("mean").asDouble(Double.NaN)));
    return new Values(counts, means);
  }
}
