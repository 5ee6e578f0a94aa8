package io.widerow.cli;

import com.codahale.metrics.MetricRegistry;
import com.codahale.metrics.Snapshot;
import io.widerow.local.LocalPipeline;
import io.widerow.workload.DemoSchema;
import io.widerow.workload.OrderWorkload;
import java.io.PrintStream;

/** Prints one line of demo progress: source changes, cells, keys, documents, and search lag. */
final class DemoProgress {

  private final PrintStream out;
  private final OrderWorkload workload;
  private final LocalPipeline services;
  private final long firstOrderNo;
  private final String queryApi;
  private long lastChanges;
  private long lastNanos = System.nanoTime();
  private boolean examplesShown;

  /**
   * @param queryApi the query API's base URL, e.g. {@code http://127.0.0.1:28080}
   */
  DemoProgress(
      PrintStream out,
      OrderWorkload workload,
      LocalPipeline services,
      long firstOrderNo,
      String queryApi) {
    this.out = out;
    this.workload = workload;
    this.services = services;
    this.firstOrderNo = firstOrderNo;
    this.queryApi = queryApi;
  }

  void print() {
    long now = System.nanoTime();
    long changes = workload.changes();
    double rate = (changes - lastChanges) / ((now - lastNanos) / 1e9);
    lastChanges = changes;
    lastNanos = now;
    MetricRegistry ingest = services.service("ingest").metrics();
    MetricRegistry merger = services.service("merger").metrics();
    MetricRegistry indexer = services.service("indexer").metrics();
    long docs = indexer.counter("indexer.docs_indexed").getCount();
    Snapshot lag = indexer.histogram("indexer.lag_ms").getSnapshot();
    out.printf(
        "source changes %,d (%.0f/s) | cells written %,d | keys merged %,d | docs indexed %,d,"
            + " deletes %,d | lag p50 %.0f ms, p99 %.0f ms%n",
        changes,
        rate,
        ingest.meter("ingest.cells_written").getCount(),
        merger.meter("merger.out").getCount(),
        docs,
        indexer.counter("indexer.deletes").getCount(),
        lag.getMedian(),
        lag.get99thPercentile());
    if (!examplesShown && docs > 0) {
      examplesShown = true;
      out.println("Try, in another terminal:");
      out.println("  ./widerow get " + DemoSchema.orderId(firstOrderNo));
      out.println("  ./widerow search 'status:PAID AND payment_method:CARD' --size 3");
      out.println("  ./widerow search 'refund_reasons:damaged AND total:>20'");
      out.println("  curl -s " + queryApi + "/v1/orders/rows/" + DemoSchema.orderId(firstOrderNo));
      out.println("  curl -s '" + queryApi + "/v1/orders/search?q=status:PAID&size=3&rows=false'");
      out.println("  curl -s http://127.0.0.1:28083/metrics/prometheus | grep indexer_lag");
    }
  }
}
