package io.widerow.query;

import com.codahale.metrics.Meter;
import com.codahale.metrics.MetricRegistry;
import com.codahale.metrics.Timer;
import java.util.concurrent.ThreadPoolExecutor;

/**
 * The query API's metrics: per endpoint a timer from arrival to answer (queue wait included), and
 * meters of the requests turned away, by why.
 */
public final class QueryMetrics {

  private final MetricRegistry registry;
  private final Timer get;
  private final Timer multiGet;
  private final Timer search;
  private final Meter rejected;
  private final Meter unauthorized;
  private final Meter forbidden;
  private final Meter clientErrors;
  private final Meter serverErrors;

  public QueryMetrics(MetricRegistry registry) {
    this.registry = registry;
    this.get = registry.timer("query.get");
    this.multiGet = registry.timer("query.multiget");
    this.search = registry.timer("query.search");
    this.rejected = registry.meter("query.rejected");
    this.unauthorized = registry.meter("query.unauthorized");
    this.forbidden = registry.meter("query.forbidden");
    this.clientErrors = registry.meter("query.client_errors");
    this.serverErrors = registry.meter("query.server_errors");
  }

  /** Gauges of the worker pool: busy workers and waiting requests. */
  public void watch(ThreadPoolExecutor workers) {
    registry.gauge("query.workers_busy", () -> workers::getActiveCount);
    registry.gauge("query.queued", () -> () -> workers.getQueue().size());
  }

  public Timer get() {
    return get;
  }

  public Timer multiGet() {
    return multiGet;
  }

  public Timer search() {
    return search;
  }

  /** A request answered 503 because every worker was busy and the queue full. */
  public void rejected() {
    rejected.mark();
  }

  public void unauthorized() {
    unauthorized.mark();
  }

  public void forbidden() {
    forbidden.mark();
  }

  /** Another 4xx answer: a bad parameter or query, an unknown key or path. */
  public void clientError() {
    clientErrors.mark();
  }

  public void serverError() {
    serverErrors.mark();
  }
}
