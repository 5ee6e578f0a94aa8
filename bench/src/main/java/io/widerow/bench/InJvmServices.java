package io.widerow.bench;

import io.widerow.core.pipeline.Pipeline;
import io.widerow.local.LocalPipeline;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The three services in the bench's JVM ({@code --in-jvm}): their CPU and memory cannot be told
 * from the workload writers' and the probe's, which share the JVM, so they are reported together.
 */
final class InJvmServices implements PipelineServices {

  static final String NAME = "services+bench";

  private final LocalPipeline services;
  private boolean started;

  InJvmServices(Pipeline pipeline, Function<String, String> environment) {
    this.services = new LocalPipeline(pipeline, environment, 0);
  }

  @Override
  public void launch() throws Exception {
    ProcessMemory.resetPeak();
    services.start();
    started = true;
  }

  @Override
  public boolean started() {
    return started;
  }

  @Override
  public StageCounts counts() {
    return started
        ? StageCounts.of(services)
        : StageCounts.of(new AdminMetrics.Values(Map.of(), Map.of()));
  }

  @Override
  public void checkHealth() {
    if (services.failure() != null) {
      throw new IllegalStateException(
          "a service failed: " + services.failure(), services.failure());
    }
  }

  @Override
  public List<CpuSampler.Watched> watched() {
    return List.of(new CpuSampler.Watched(NAME, ProcessHandle.current().pid(), false));
  }

  @Override
  public Map<String, Long> peakRssMiB() {
    Map<String, Long> m = new LinkedHashMap<>();
    m.put(NAME, Bench.mib(ProcessMemory.peakKib()));
    return m;
  }

  @Override
  public String mode() {
    return "in-jvm";
  }

  @Override
  public void close() {
    services.close();
  }
}
