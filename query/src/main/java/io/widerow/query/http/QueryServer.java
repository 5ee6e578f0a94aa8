package io.widerow.query.http;

import com.codahale.metrics.MetricRegistry;
import com.codahale.metrics.health.HealthCheckRegistry;
import io.widerow.core.pipeline.Pipeline;
import io.widerow.core.pipeline.QuerySpec;
import io.widerow.core.service.FatalException;
import io.widerow.query.QueryMetrics;
import io.widerow.query.WideRowClient;
import io.widerow.query.auth.BearerTokens;
import java.net.URI;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.jetty.http.HttpVersion;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The query API's own listener (Jetty), apart from the admin port: HTTP/1.1 keep-alive, TLS when
 * the pipeline file names a key and certificate, bearer tokens, and a bounded worker pool. Closing
 * it stops the listener, then the workers, then the clients it owns.
 */
public final class QueryServer implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(QueryServer.class);
  private static final long IDLE_TIMEOUT_MS = 30_000;
  // Jetty's own threads only parse, authenticate and hand work over: a few suffice.
  private static final int JETTY_MAX_THREADS = 16;
  private static final int JETTY_MIN_THREADS = 4;

  private final Server server;
  private final ServerConnector connector;
  private final ThreadPoolExecutor workers;
  private final AutoCloseable owned;
  private final boolean tls;

  private QueryServer(
      Server server,
      ServerConnector connector,
      ThreadPoolExecutor workers,
      AutoCloseable owned,
      boolean tls) {
    this.server = server;
    this.connector = connector;
    this.workers = workers;
    this.owned = owned;
    this.tls = tls;
  }

  /**
   * Opens HBase and Elasticsearch clients, reads the tokens and serves the pipeline's query API as
   * its {@code query} section says; the clients close with the server.
   *
   * @throws FatalException when the pipeline file has no {@code query} section, the tokens or the
   *     TLS files cannot be read, or the port is taken
   */
  public static QueryServer open(
      Pipeline pipeline, MetricRegistry registry, HealthCheckRegistry health) throws Exception {
    QuerySpec spec =
        pipeline
            .query()
            .orElseThrow(
                () ->
                    new FatalException(
                        "query: missing in the pipeline file; expected a query section (host,"
                            + " port, auth, ...) to serve the query API"));
    BearerTokens tokens;
    try {
      tokens = BearerTokens.load(spec.auth(), System::getenv);
    } catch (IllegalArgumentException e) {
      throw new FatalException(e.getMessage(), e);
    }
    WideRowClient client = WideRowClient.open(pipeline);
    try {
      return start(pipeline, spec, client, tokens, registry, health, client);
    } catch (Exception e) {
      client.close();
      throw e;
    }
  }

  /**
   * Serves {@code client} as {@code spec} says.
   *
   * @param owned closed with the server, after the listener and the workers; null for none
   */
  public static QueryServer start(
      Pipeline pipeline,
      QuerySpec spec,
      WideRowClient client,
      BearerTokens tokens,
      MetricRegistry registry,
      HealthCheckRegistry health,
      AutoCloseable owned)
      throws Exception {
    QueryMetrics metrics = new QueryMetrics(registry);
    ThreadPoolExecutor workers = workers(spec);
    metrics.watch(workers);
    health.register("query.workers", new WorkersHealthCheck(workers));
    QueuedThreadPool threads = new QueuedThreadPool(JETTY_MAX_THREADS, JETTY_MIN_THREADS);
    threads.setName("query-http");
    threads.setDaemon(true);
    Server server = new Server(threads);
    HttpConfiguration http = new HttpConfiguration();
    http.setSendServerVersion(false);
    http.setSendXPoweredBy(false);
    ServerConnector connector;
    if (spec.tls().isPresent()) {
      http.addCustomizer(new SecureRequestCustomizer(false, false, -1, false));
      connector =
          new ServerConnector(
              server,
              1,
              1,
              new SslConnectionFactory(
                  sslContext(spec.tls().get()), HttpVersion.HTTP_1_1.asString()),
              new HttpConnectionFactory(http));
    } else {
      connector = new ServerConnector(server, 1, 1, new HttpConnectionFactory(http));
    }
    connector.setHost(spec.host());
    connector.setPort(spec.port());
    connector.setIdleTimeout(IDLE_TIMEOUT_MS);
    server.addConnector(connector);
    server.setHandler(
        new QueryHandler(
            pipeline.name(),
            client,
            new SearchParameters(pipeline.elasticsearch().fields(), spec.limits()),
            spec.limits().maxKeys(),
            tokens,
            workers,
            metrics));
    server.setErrorHandler(new JsonErrorHandler());
    try {
      server.start();
    } catch (Exception e) {
      workers.shutdownNow();
      server.stop();
      throw new FatalException(
          "query: cannot listen on " + spec.host() + ":" + spec.port() + ": " + e.getMessage(), e);
    }
    QueryServer started =
        new QueryServer(server, connector, workers, owned, spec.tls().isPresent());
    LOG.info(
        "query API of pipeline {} on {} ({} workers, queue {})",
        pipeline.name(),
        started.uri(),
        spec.threads(),
        spec.queue());
    return started;
  }

  private static ThreadPoolExecutor workers(QuerySpec spec) {
    BlockingQueue<Runnable> queue =
        spec.queue() == 0 ? new SynchronousQueue<>() : new ArrayBlockingQueue<>(spec.queue());
    AtomicInteger n = new AtomicInteger();
    ThreadFactory factory =
        r -> {
          Thread t = new Thread(r, "query-worker-" + n.incrementAndGet());
          t.setDaemon(true);
          return t;
        };
    // AbortPolicy: a full queue throws at once, and the handler answers 503.
    return new ThreadPoolExecutor(
        spec.threads(),
        spec.threads(),
        0,
        TimeUnit.MILLISECONDS,
        queue,
        factory,
        new ThreadPoolExecutor.AbortPolicy());
  }

  private static SslContextFactory.Server sslContext(QuerySpec.Tls tls) {
    byte[] random = new byte[18];
    new SecureRandom().nextBytes(random);
    String password = Base64.getEncoder().encodeToString(random);
    SslContextFactory.Server ssl = new SslContextFactory.Server();
    ssl.setKeyStore(PemKeyStore.load(tls.certFile(), tls.keyFile(), password.toCharArray()));
    ssl.setKeyStorePassword(password);
    return ssl;
  }

  /** Where the API listens, e.g. {@code http://127.0.0.1:28080}. */
  public URI uri() {
    String host = connector.getHost() == null ? "127.0.0.1" : connector.getHost();
    return URI.create((tls ? "https" : "http") + "://" + host + ":" + port());
  }

  public int port() {
    return connector.getLocalPort();
  }

  @Override
  public void close() throws Exception {
    try {
      server.stop();
    } finally {
      workers.shutdown();
      if (!workers.awaitTermination(5, TimeUnit.SECONDS)) {
        workers.shutdownNow();
      }
      if (owned != null) {
        owned.close();
      }
    }
  }
}
