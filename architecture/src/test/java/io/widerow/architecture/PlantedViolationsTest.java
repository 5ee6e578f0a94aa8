package io.widerow.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.EvaluationResult;
import io.widerow.cli.planted.ToolUsingHttpServer;
import io.widerow.core.planted.CleanCore;
import io.widerow.core.planted.CoreUsingAdapter;
import io.widerow.indexer.planted.StageUsingAdapterClass;
import io.widerow.ingest.IngestMetrics;
import io.widerow.ingest.IngestService;
import io.widerow.ingest.planted.CleanStage;
import io.widerow.ingest.planted.StageUsingKafka;
import io.widerow.kafka.ConsumeLoop;
import io.widerow.kafka.planted.AdapterUsingAnotherClient;
import io.widerow.merger.planted.StageUsingJdbc;
import io.widerow.runtime.planted.LifecycleUsingKafka;
import io.widerow.unlayered.NewModuleClass;
import org.junit.jupiter.api.Test;

/**
 * Runs the rules of {@link WiderowArchitecture} against small planted classes (this module's test
 * sources, which ArchitectureTest does not import): each kind of violation fails with the fix in
 * its message, and a clean class of the same layer passes.
 */
class PlantedViolationsTest {

  private static final ClassFileImporter IMPORTER = new ClassFileImporter();

  @Test
  void stageUsingAClientLibraryFails() {
    EvaluationResult result =
        WiderowArchitecture.INGEST_STAGES.evaluate(
            classes(StageUsingKafka.class, CleanStage.class, ConsumeLoop.BatchHandler.class));

    assertViolatedOnlyBy(
        result,
        StageUsingKafka.class,
        "org.apache.kafka.clients.producer.Producer",
        "IngestService, the entry class, constructs the adapter");
  }

  @Test
  void stageUsingJdbcFails() {
    EvaluationResult result =
        WiderowArchitecture.MERGER_STAGES.evaluate(classes(StageUsingJdbc.class));

    assertViolatedOnlyBy(
        result, StageUsingJdbc.class, "java.sql.DriverManager", "MergerService, the entry class");
  }

  @Test
  void stageOpeningAnAdapterClassFails() {
    EvaluationResult result =
        WiderowArchitecture.INDEXER_STAGES.evaluate(classes(StageUsingAdapterClass.class));

    assertViolatedOnlyBy(
        result,
        StageUsingAdapterClass.class,
        "io.widerow.hbase.HBaseWideRowStore",
        "a stage is handed its I/O as an interface");
  }

  @Test
  void stageWithCorePortsAndAnAdapterInterfacePasses() {
    EvaluationResult result =
        WiderowArchitecture.INGEST_STAGES.evaluate(
            classes(CleanStage.class, ConsumeLoop.BatchHandler.class));

    assertThat(result.hasViolation()).as(report(result)).isFalse();
  }

  @Test
  void coreUsingAnotherWiderowModuleFails() {
    EvaluationResult result =
        WiderowArchitecture.CORE.evaluate(classes(CoreUsingAdapter.class, CleanCore.class));

    assertViolatedOnlyBy(
        result,
        CoreUsingAdapter.class,
        "io.widerow.kafka.KafkaErrors",
        "behind an interface core owns");
  }

  @Test
  void coreUsingJacksonAndItselfPasses() {
    EvaluationResult result = WiderowArchitecture.CORE.evaluate(classes(CleanCore.class));

    assertThat(result.hasViolation()).as(report(result)).isFalse();
  }

  @Test
  void adapterUsingAnotherClientFails() {
    EvaluationResult result =
        WiderowArchitecture.KAFKA_ADAPTERS_USE_ONLY_KAFKA.evaluate(
            classes(AdapterUsingAnotherClient.class));

    assertViolatedOnlyBy(
        result,
        AdapterUsingAnotherClient.class,
        "org.apache.hadoop.hbase.TableName",
        "belongs in the adapter package named for that client");
  }

  @Test
  void runtimeUsingAClientFails() {
    EvaluationResult result =
        WiderowArchitecture.ENTRY_CLASSES_USE_NO_CLIENT.evaluate(
            classes(LifecycleUsingKafka.class));

    assertViolatedOnlyBy(
        result,
        LifecycleUsingKafka.class,
        "org.apache.kafka.common.errors.WakeupException",
        "give the adapter a factory");
  }

  @Test
  void toolServingHttpItselfFails() {
    EvaluationResult result =
        WiderowArchitecture.TOOLS_USE_NO_CLIENT.evaluate(classes(ToolUsingHttpServer.class));

    assertViolatedOnlyBy(
        result,
        ToolUsingHttpServer.class,
        "com.sun.net.httpserver.HttpServer",
        "tools reach servers through adapters");
  }

  @Test
  void classOutsideEveryLayerFails() {
    EvaluationResult result =
        WiderowArchitecture.EVERY_CLASS_HAS_A_LAYER.evaluate(
            classes(NewModuleClass.class, CleanStage.class));

    assertViolatedOnlyBy(
        result, NewModuleClass.class, "io.widerow.unlayered", "add a new module's package");
  }

  @Test
  void entryClassIsToldByPackageAndName() {
    assertThat(WiderowArchitecture.isEntryClass(javaClass(IngestService.class))).isTrue();
    assertThat(WiderowArchitecture.isEntryClass(javaClass(io.widerow.indexer.IndexerService.class)))
        .isTrue();
    assertThat(WiderowArchitecture.isEntryClass(javaClass(IngestMetrics.class))).isFalse();
    assertThat(
            WiderowArchitecture.isEntryClass(
                javaClass(io.widerow.ingest.planted.IngestService.class)))
        .isFalse();
  }

  @Test
  void classNamedLikeTheEntryOutsideTheServiceRootIsAStage() {
    EvaluationResult result =
        WiderowArchitecture.INGEST_STAGES.evaluate(
            classes(io.widerow.ingest.planted.IngestService.class));

    assertViolatedOnlyBy(
        result,
        io.widerow.ingest.planted.IngestService.class,
        "java.sql.Connection",
        "IngestService, the entry class");
  }

  @Test
  void entryClassMayOpenAdaptersButNoClient() {
    JavaClasses entry = IMPORTER.importPackagesOf(IngestService.class);
    ArchRule entryRule = WiderowArchitecture.ENTRY_CLASSES_USE_NO_CLIENT;

    assertThat(entry.get(IngestService.class).getDirectDependenciesFromSelf())
        .anySatisfy(d -> assertThat(d.getTargetClass().getName()).startsWith("io.widerow.hbase."));
    EvaluationResult result = entryRule.evaluate(entry);
    assertThat(result.hasViolation()).as(report(result)).isFalse();
  }

  private static JavaClasses classes(Class<?>... classes) {
    return IMPORTER.importClasses(classes);
  }

  private static JavaClass javaClass(Class<?> type) {
    return classes(type).get(type);
  }

  /** The rule failed, every violation is {@code violator}'s, one names {@code target}. */
  private static void assertViolatedOnlyBy(
      EvaluationResult result, Class<?> violator, String target, String because) {
    assertThat(result.hasViolation()).as("a violation by " + violator.getName()).isTrue();
    assertThat(result.getFailureReport().getDetails())
        .allSatisfy(d -> assertThat(d).contains("<" + violator.getName()))
        .anySatisfy(d -> assertThat(d).contains(target));
    assertThat(result.getFailureReport().toString()).contains(because);
  }

  private static String report(EvaluationResult result) {
    return result.getFailureReport().toString();
  }
}
