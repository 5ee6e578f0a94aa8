package io.widerow.bench;

import java.util.List;
import java.util.Map;

/**
 * Ingest, merger and indexer of the pipeline a bench run measures, as three processes (what a
 * cluster runs) or in the bench's JVM; what the run needs of them either way.
 */
interface PipelineServices extends AutoCloseable {

  /** Launches them: processes return once spawned, in-JVM services once started. */
  void launch() throws Exception;

  /** Whether all three have started (processes: logged that they run); does not wait. */
  boolean started() throws Exception;

  /** Their counters now; zeros for a service not yet up. */
  StageCounts counts() throws Exception;

  /** Throws, naming the service, when one has failed or exited. */
  void checkHealth() throws Exception;

  /** The processes whose CPU counts as the services'. */
  List<CpuSampler.Watched> watched();

  /** Each one's peak RSS in MiB, as far as known. */
  Map<String, Long> peakRssMiB() throws Exception;

  /** How they run, for the report: "processes" or "in-jvm". */
  String mode();

  @Override
  void close() throws Exception;
}
