package io.widerow.local;

import com.codahale.metrics.MetricRegistry;
import com.codahale.metrics.health.HealthCheckRegistry;
import io.widerow.core.pipeline.Pipeline;
import io.widerow.core.service.ManagedService;
import io.widerow.indexer.IndexerService;
import io.widerow.ingest.IngestService;
import io.widerow.merger.MergerService;
import io.widerow.runtime.admin.AdminServer;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The three services of one pipeline in this JVM, each with its own metrics and admin port: what
 * the demo, the benchmark and the end-to-end tests run. A cluster runs each service as its own
 * process instead ({@code widerow ingest|merger|indexer}).
 */
public final class LocalPipeline implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(LocalPipeline.class);

  /** One running service and where it is watched. */
  public record Running(
      String name, ManagedService service, MetricRegistry metrics, AdminServer admin) {}

  private final Pipeline pipeline;
  private final Function<String, String> environment;
  private final int adminPortBase;
  private final List<Running> running = new ArrayList<>();

  /**
   * @param environment where ingest looks up the sources' password variables
   * @param adminPortBase ingest's admin port; merger and indexer take the next two; 0 picks free
   *     ports
   */
  public LocalPipeline(Pipeline pipeline, Function<String, String> environment, int adminPortBase) {
    this.pipeline = pipeline;
    this.environment = environment;
    this.adminPortBase = adminPortBase;
  }

  /** Starts indexer, merger, then ingest: each consumer is ready before its producer starts. */
  public void start() throws Exception {
    try {
      start("indexer", 2, (m, h, a) -> new IndexerService(pipeline, m, h, a));
      start("merger", 1, (m, h, a) -> new MergerService(pipeline, m, h));
      start("ingest", 0, (m, h, a) -> new IngestService(pipeline, m, h, environment));
    } catch (Exception e) {
      close();
      throw e;
    }
  }

  private interface Factory {
    ManagedService create(MetricRegistry metrics, HealthCheckRegistry health, AdminServer admin)
        throws Exception;
  }

  private void start(String name, int portOffset, Factory factory) throws Exception {
    MetricRegistry metrics = new MetricRegistry();
    HealthCheckRegistry health = new HealthCheckRegistry();
    int port = adminPortBase == 0 ? 0 : adminPortBase + portOffset;
    AdminServer admin = new AdminServer("127.0.0.1", port, metrics, health);
    ManagedService service;
    try {
      service = factory.create(metrics, health, admin);
      admin.start();
      service.start();
    } catch (Exception e) {
      admin.close();
      throw e;
    }
    running.add(new Running(name, service, metrics, admin));
    LOG.info("{} started; admin on http://127.0.0.1:{}/health", name, admin.port());
  }

  public Running service(String name) {
    return running.stream()
        .filter(r -> r.name().equals(name))
        .findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no running service " + name));
  }

  public List<Running> services() {
    return List.copyOf(running);
  }

  /** The first failure of any service, or null while all run. */
  public Throwable failure() {
    for (Running r : running) {
      if (r.service().failure().isPresent()) {
        return r.service().failure().get();
      }
    }
    return null;
  }

  /** Stops ingest, merger, then indexer: producers before their consumers. */
  @Override
  public void close() {
    for (int i = running.size() - 1; i >= 0; i--) {
      Running r = running.get(i);
      long start = System.nanoTime();
      r.service().stop();
      r.admin().close();
      LOG.info("{} stopped in {} ms", r.name(), (System.nanoTime() - start) / 1_000_000);
    }
    running.clear();
  }
}
