package io.widerow.bench;

import com.codahale.metrics.MetricRegistry;
import com.codahale.metrics.health.HealthCheckRegistry;
import io.widerow.core.pipeline.Pipeline;
import io.widerow.core.pipeline.QuerySpec;
import io.widerow.query.WideRowClient;
import io.widerow.query.auth.BearerTokens;
import io.widerow.query.auth.TokenTable;
import io.widerow.query.http.QueryServer;
import io.widerow.workload.DemoSchema;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;

/**
 * The query phase: the query API as {@code widerow query} serves it (its own listener, the default
 * worker pool), asked over {@value #CONNECTIONS} keep-alive HTTP/1.1 connections, one client thread
 * each, for a fixed time per kind of request: key lookups, multi-gets of {@value #MULTI_GET_KEYS}
 * keys, and searches of size 10 and 100. Keys are drawn at random from the loaded orders, so every
 * lookup finds its row.
 */
final class QueryBench {

  static final int CONNECTIONS = 16;
  static final int MULTI_GET_KEYS = 20;
  private static final String[] STATUSES = {"PAID", "SHIPPED", "DELIVERED"};
  private static final Duration WARM_UP = Duration.ofSeconds(3);

  /** One kind of request: throughput and latency as the clients saw it. */
  record Phase(
      String name,
      long requests,
      long errors,
      double seconds,
      double perSecond,
      double p50Ms,
      double p99Ms,
      double maxMs) {}

  private final Pipeline pipeline;
  private final long orders;
  private final Duration each;
  private final PrintStream out;

  /**
   * @param orders orders {@code 1..orders} exist and are indexed
   */
  QueryBench(Pipeline pipeline, long orders, Duration each, PrintStream out) {
    this.pipeline = pipeline;
    this.orders = orders;
    this.each = each;
    this.out = out;
  }

  List<Phase> run() throws Exception {
    // Loopback without tokens, as the demo serves it; a token check costs one SHA-256.
    QuerySpec spec = QuerySpec.loopback(0);
    WideRowClient client = WideRowClient.open(pipeline);
    try (QueryServer server =
        QueryServer.start(
            pipeline,
            spec,
            client,
            BearerTokens.of(TokenTable.EMPTY, true),
            new MetricRegistry(),
            new HealthCheckRegistry(),
            client)) {
      String base = server.uri() + "/v1/" + pipeline.name();
      out.printf(
          "query: %s, %d keep-alive connections, %d s per kind of request (%d workers)%n",
          server.uri(), CONNECTIONS, each.toSeconds(), spec.threads());
      Function<SplittableRandom, String> lookup = r -> base + "/rows/" + randomKey(r);
      measure("warm-up", lookup, WARM_UP);
      List<Phase> phases = new ArrayList<>();
      phases.add(measure("key lookup", lookup, each));
      phases.add(measure("multi-get " + MULTI_GET_KEYS, r -> base + "/rows?keys=" + keys(r), each));
      phases.add(measure("search size 10", r -> search(base, r, 10), each));
      phases.add(measure("search size 100", r -> search(base, r, 100), each));
      return phases;
    }
  }

  private String randomKey(SplittableRandom r) {
    return DemoSchema.orderId(1 + r.nextLong(orders));
  }

  private String keys(SplittableRandom r) {
    StringBuilder keys = new StringBuilder();
    for (int i = 0; i < MULTI_GET_KEYS; i++) {
      keys.append(i == 0 ? "" : ",").append(randomKey(r));
    }
    return keys.toString();
  }

  private static String search(String base, SplittableRandom r, int size) {
    return base + "/search?q=status:" + STATUSES[r.nextInt(STATUSES.length)] + "&size=" + size;
  }

  private Phase measure(String name, Function<SplittableRandom, String> uris, Duration length)
      throws Exception {
    ExecutorService clients = Executors.newFixedThreadPool(CONNECTIONS);
    try {
      long start = System.nanoTime();
      long end = start + length.toNanos();
      List<Future<long[]>> runs = new ArrayList<>();
      for (int c = 0; c < CONNECTIONS; c++) {
        long seed = c * 7_919L + name.hashCode();
        runs.add(clients.submit(() -> connection(uris, new SplittableRandom(seed), end)));
      }
      List<long[]> all = new ArrayList<>();
      for (Future<long[]> run : runs) {
        all.add(run.get());
      }
      double seconds = (System.nanoTime() - start) / 1e9;
      Phase phase = phase(name, all, seconds);
      if (!name.equals("warm-up")) {
        out.printf(
            "query: %-16s %,8.0f/s  p50 %5.1f ms  p99 %6.1f ms  max %6.1f ms  (%,d requests, %d"
                + " errors)%n",
            name,
            phase.perSecond(),
            phase.p50Ms(),
            phase.p99Ms(),
            phase.maxMs(),
            phase.requests(),
            phase.errors());
      }
      return phase;
    } finally {
      clients.shutdownNow();
    }
  }

  /**
   * One keep-alive connection: its own client, one request at a time, until {@code end}; returns
   * each request's latency in ns, an error as a negative latency.
   */
  private static long[] connection(
      Function<SplittableRandom, String> uris, SplittableRandom random, long end) throws Exception {
    HttpClient http =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    long[] latencies = new long[1024];
    int n = 0;
    while (System.nanoTime() < end) {
      HttpRequest request =
          HttpRequest.newBuilder(URI.create(uris.apply(random)))
              .timeout(Duration.ofSeconds(30))
              .build();
      long t0 = System.nanoTime();
      int status;
      try {
        status = http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
      } catch (java.io.IOException e) {
        status = -1;
      }
      long latency = System.nanoTime() - t0;
      if (n == latencies.length) {
        latencies = Arrays.copyOf(latencies, n * 2);
      }
      latencies[n++] = status == 200 ? latency : -latency;
    }
    return Arrays.copyOf(latencies, n);
  }

  private static Phase phase(String name, List<long[]> runs, double seconds) {
    int total = runs.stream().mapToInt(r -> r.length).sum();
    long[] sorted = new long[total];
    long errors = 0;
    int i = 0;
    for (long[] run : runs) {
      for (long latency : run) {
        errors += latency < 0 ? 1 : 0;
        sorted[i++] = Math.abs(latency);
      }
    }
    Arrays.sort(sorted);
    return new Phase(
        name,
        total,
        errors,
        seconds,
        total / seconds,
        percentileMs(sorted, 0.50),
        percentileMs(sorted, 0.99),
        total == 0 ? 0 : sorted[total - 1] / 1e6);
  }

  private static double percentileMs(long[] sorted, double p) {
    if (sorted.length == 0) {
      return 0;
    }
    int index = (int) Math.ceil(p * sorted.length) - 1;
    return sorted[Math.max(0, Math.min(index, sorted.length - 1))] / 1e6;
  }
}
