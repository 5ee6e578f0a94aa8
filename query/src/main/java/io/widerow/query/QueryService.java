package io.widerow.query;

import com.codahale.metrics.MetricRegistry;
import com.codahale.metrics.health.HealthCheckRegistry;
import io.widerow.core.pipeline.Pipeline;
import io.widerow.core.service.ManagedService;
import io.widerow.core.service.NamedCloser;
import io.widerow.core.service.ServiceLifecycle;
import io.widerow.query.http.QueryServer;
import io.widerow.runtime.ServiceMain;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code widerow query}: the query API as a process of its own, stateless (it reads HBase and
 * Elasticsearch only), so that it scales apart from indexing. Metrics and health are on the admin
 * port; the API on the listener the pipeline file's {@code query} section names.
 */
public final class QueryService implements ManagedService {

  public static final int DEFAULT_ADMIN_PORT = 28084;
  private static final Logger LOG = LoggerFactory.getLogger(QueryService.class);

  private final Pipeline pipeline;
  private final MetricRegistry registry;
  private final HealthCheckRegistry health;
  private final ServiceLifecycle lifecycle = new ServiceLifecycle("query");
  private final NamedCloser closer = new NamedCloser("query");
  private QueryServer server;

  public QueryService(Pipeline pipeline, MetricRegistry registry, HealthCheckRegistry health) {
    this.pipeline = pipeline;
    this.registry = registry;
    this.health = health;
  }

  public static void main(String[] args) {
    ServiceMain.main(
        "query",
        DEFAULT_ADMIN_PORT,
        args,
        ctx -> new QueryService(ctx.pipeline(), ctx.metrics(), ctx.health()));
  }

  @Override
  public void start() throws Exception {
    lifecycle.starting();
    server = closer.register("query server", QueryServer.open(pipeline, registry, health));
    lifecycle.running();
    LOG.info("query running: pipeline {} on {}", pipeline.name(), server.uri());
  }

  /** The running server; empty before {@link #start()}. */
  public Optional<QueryServer> server() {
    return Optional.ofNullable(server);
  }

  @Override
  public Optional<Throwable> failure() {
    return Optional.ofNullable(lifecycle.failure());
  }

  @Override
  public void awaitStop() throws Exception {
    lifecycle.await();
  }

  @Override
  public void stop() {
    if (!lifecycle.stopping()) {
      return;
    }
    closer.close();
    lifecycle.stopped();
  }
}
