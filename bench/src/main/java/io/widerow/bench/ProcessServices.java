package io.widerow.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

/**
 * The three services as processes of their own, started the way {@code ./widerow} starts them (same
 * main class and heap caps): the production shape. Counters come from their admin ports.
 */
final class ProcessServices implements PipelineServices {

  private final Path pipelineFile;
  private final Map<String, String> environment;
  private final Path logPrefix;
  private final AdminMetrics admin = new AdminMetrics();
  private ServiceProcesses processes;

  ProcessServices(Path pipelineFile, Map<String, String> environment, Path logPrefix) {
    this.pipelineFile = pipelineFile;
    this.environment = Map.copyOf(environment);
    this.logPrefix = logPrefix;
  }

  @Override
  public void launch() throws Exception {
    processes = ServiceProcesses.launch(pipelineFile, environment, logPrefix);
  }

  @Override
  public boolean started() throws Exception {
    return processes.allRunning();
  }

  @Override
  public StageCounts counts() throws Exception {
    Map<String, Long> counts = new LinkedHashMap<>();
    Map<String, Double> means = new LinkedHashMap<>();
    for (String service : ServiceProcesses.SERVICES) {
      OptionalInt port = processes.adminPort(service);
      if (port.isPresent()) {
        AdminMetrics.Values v = admin.read(port.getAsInt());
        counts.putAll(v.counts());
        means.putAll(v.meanMillis());
      }
    }
    return StageCounts.of(new AdminMetrics.Values(counts, means));
  }

  @Override
  public void checkHealth() throws Exception {
    processes.requireAlive();
  }

  @Override
  public List<CpuSampler.Watched> watched() {
    List<CpuSampler.Watched> w = new ArrayList<>();
    processes.pids().forEach((service, pid) -> w.add(new CpuSampler.Watched(service, pid, false)));
    return w;
  }

  @Override
  public Map<String, Long> peakRssMiB() {
    return processes.peakRssMiB();
  }

  @Override
  public String mode() {
    return "processes";
  }

  @Override
  public void close() throws Exception {
    if (processes != null) {
      processes.close();
    }
  }
}
