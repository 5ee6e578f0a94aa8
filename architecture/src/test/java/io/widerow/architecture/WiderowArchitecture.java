package io.widerow.architecture;

import static com.tngtech.archunit.base.DescribedPredicate.describe;
import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.INTERFACES;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import java.util.List;

/**
 * The layers of widerow and, for each, the only packages its classes may depend on. This class is
 * the architecture rule: {@code ArchitectureTest} applies every {@link ArchTest} field below to the
 * main classes of every module, and {@code PlantedViolationsTest} shows each kind of rule failing.
 *
 * <p>Every class under {@code io.widerow} is in a layer, told by its package:
 *
 * <ul>
 *   <li><b>core</b> ({@code io.widerow.core..}): the JDK without JDBC, core itself and {@link
 *       #GENERAL_LIBRARIES}; no other widerow module and no client.
 *   <li><b>adapters</b>: a package named for what it talks to ({@code ..hbase..}, {@code
 *       ..kafka..}, {@code ..elasticsearch..}, {@code ..debezium..}, {@code ..jdbc..}, {@code
 *       ..mariadb..}), the demo workload (a JDBC client of the source by purpose) and the HTTP
 *       servers ({@code io.widerow.runtime.admin}, {@code io.widerow.query.http}). Each may use its
 *       own client library and no other.
 *   <li><b>stages</b> (service domain): every class of {@code io.widerow.ingest}, {@code .merger},
 *       {@code .indexer} and {@code .query} outside their adapter subpackages, except the entry
 *       class. They see core, their own service's stages and the <em>interfaces</em> of adapters
 *       and of the runtime; never an adapter class, another service or a client.
 *   <li><b>entry classes</b>: {@code io.widerow.<service>.<Service>Service} (IngestService,
 *       MergerService, IndexerService, and QueryService when there is one) with their nested
 *       classes, and {@code io.widerow.runtime} (ServiceMain, the service lifecycle). They wire
 *       adapters into stages, so they may use any widerow module, but no client library.
 *   <li><b>tools</b> ({@code stack}, {@code local}, {@code verify}, {@code ops}, {@code bench},
 *       {@code cli}, outside their adapter subpackages): as entry classes, plus picocli, JMH and
 *       JFR.
 *   <li><b>testkit</b>: the ITs' fixture library. It may use every client and the test libraries;
 *       no other layer may use it.
 * </ul>
 *
 * <p>Entry classes are told from stages by name alone, derived from the package ({@code
 * io.widerow.merger} → {@code MergerService}): code that opens adapters lives in (or is nested in)
 * the entry class, and every other class of a service's root package is a stage.
 */
public final class WiderowArchitecture {

  /** Client libraries: only the adapter packages named for them may use them. */
  enum Client {
    HBASE("the HBase client", "org.apache.hadoop..", "org.apache.hbase.."),
    KAFKA("the Kafka client", "org.apache.kafka.."),
    ELASTICSEARCH(
        "the Elasticsearch client", "co.elastic..", "org.elasticsearch..", "org.apache.http.."),
    DEBEZIUM("Debezium", "io.debezium.."),
    JDBC("JDBC", "java.sql..", "javax.sql..", "org.mariadb.."),
    HTTP_SERVER(
        "an HTTP server",
        "com.sun.net.httpserver..",
        "org.eclipse.jetty..",
        "jakarta.servlet..",
        "io.prometheus.."); // the metrics endpoint's exposition format

    final String description;
    final String[] packages;

    Client(String description, String... packages) {
      this.description = description;
      this.packages = packages;
    }

    DescribedPredicate<JavaClass> classes() {
      return resideInAnyPackage(packages).as(description);
    }
  }

  private static final List<String> SERVICES = List.of("ingest", "merger", "indexer", "query");

  // ---- what layers may depend on ----

  /**
   * The JDK less JDBC, which only JDBC adapters use. TLS ({@code javax.net.ssl}) is the JDK's too:
   * every adapter that reaches a secured server builds or judges a TLS connection.
   */
  static final DescribedPredicate<JavaClass> JDK =
      resideInAnyPackage("java..", "javax.net.ssl..")
          .and(not(Client.JDBC.classes()))
          .as("the JDK (less java.sql)");

  /**
   * Libraries every layer may use: none of them opens a connection to a server. SnakeYAML is
   * Jackson's YAML parser, whose error marks the pipeline loader reports.
   */
  static final DescribedPredicate<JavaClass> GENERAL_LIBRARIES =
      resideInAnyPackage(
              "com.fasterxml.jackson..",
              "org.yaml.snakeyaml..",
              "com.google.common..",
              "com.codahale.metrics..",
              "dev.failsafe..",
              "org.slf4j..",
              "org.apache.commons.text..")
          .as("Jackson, Guava, Dropwizard Metrics, Failsafe, SLF4J, commons-text");

  static final DescribedPredicate<JavaClass> CORE_CLASSES =
      resideInAnyPackage("io.widerow.core..").as("io.widerow.core");

  static final DescribedPredicate<JavaClass> TESTKIT_CLASSES =
      resideInAnyPackage("io.widerow.testkit..").as("io.widerow.testkit");

  static final DescribedPredicate<JavaClass> WIDEROW_CLASSES =
      resideInAnyPackage("io.widerow..").and(not(TESTKIT_CLASSES)).as("widerow (less testkit)");

  static final DescribedPredicate<JavaClass> HBASE_ADAPTERS =
      adapterPackages("io.widerow..hbase..");
  static final DescribedPredicate<JavaClass> KAFKA_ADAPTERS =
      adapterPackages("io.widerow..kafka..");
  static final DescribedPredicate<JavaClass> ELASTICSEARCH_ADAPTERS =
      adapterPackages("io.widerow..elasticsearch..");
  static final DescribedPredicate<JavaClass> DEBEZIUM_ADAPTERS =
      adapterPackages("io.widerow..debezium..");
  static final DescribedPredicate<JavaClass> JDBC_ADAPTERS =
      adapterPackages("io.widerow..jdbc..", "io.widerow..mariadb..", "io.widerow.workload..");
  static final DescribedPredicate<JavaClass> HTTP_ADAPTERS =
      adapterPackages("io.widerow.runtime.admin..", "io.widerow.query.http..");

  static final DescribedPredicate<JavaClass> ADAPTER_CLASSES =
      HBASE_ADAPTERS
          .or(KAFKA_ADAPTERS)
          .or(ELASTICSEARCH_ADAPTERS)
          .or(DEBEZIUM_ADAPTERS)
          .or(JDBC_ADAPTERS)
          .or(HTTP_ADAPTERS)
          .as("an adapter package");

  static final DescribedPredicate<JavaClass> RUNTIME_CLASSES =
      resideInAnyPackage("io.widerow.runtime..").as("io.widerow.runtime");

  /**
   * What a stage may be handed: an interface that an adapter or the runtime implements or calls.
   */
  static final DescribedPredicate<JavaClass> PORTS =
      INTERFACES
          .and(ADAPTER_CLASSES.or(RUNTIME_CLASSES))
          .as("interfaces of adapters or of io.widerow.runtime");

  static final DescribedPredicate<JavaClass> ENTRY_CLASSES =
      describe("are entry classes (io.widerow.<service>.<Service>Service)", c -> isEntryClass(c));

  // ---- the layers ----

  @ArchTest
  public static final ArchRule CORE =
      classes()
          .that(CORE_CLASSES.as("reside in io.widerow.core"))
          .should()
          .onlyDependOnClassesThat(JDK.or(CORE_CLASSES).or(GENERAL_LIBRARIES))
          .because(
              "core is the client-free model every module builds on: code that needs a client"
                  + " or another widerow module belongs in that adapter or module, behind an"
                  + " interface core owns (as WideRowStore, KeyPublisher, SearchIndex and"
                  + " DeadLetterSink are); a library joins GENERAL_LIBRARIES in"
                  + " WiderowArchitecture only if it opens no connection");

  @ArchTest
  public static final ArchRule HBASE_ADAPTERS_USE_ONLY_HBASE =
      adapter(HBASE_ADAPTERS, JDK, Client.HBASE.classes());

  @ArchTest
  public static final ArchRule KAFKA_ADAPTERS_USE_ONLY_KAFKA =
      adapter(KAFKA_ADAPTERS, JDK, Client.KAFKA.classes());

  @ArchTest
  public static final ArchRule ELASTICSEARCH_ADAPTERS_USE_ONLY_ELASTICSEARCH =
      adapter(ELASTICSEARCH_ADAPTERS, JDK, Client.ELASTICSEARCH.classes());

  /**
   * Debezium runs on Kafka Connect (its records, its offset store), reports the connector's SQL
   * errors and publishes its metrics as MBeans.
   */
  @ArchTest
  public static final ArchRule DEBEZIUM_ADAPTERS_USE_ONLY_DEBEZIUM =
      adapter(
          DEBEZIUM_ADAPTERS,
          JDK.or(resideInAnyPackage("javax.management..")).as("the JDK (less java.sql)"),
          Client.DEBEZIUM
              .classes()
              .or(Client.KAFKA.classes())
              .or(Client.JDBC.classes())
              .as("Debezium (with Kafka Connect and JDBC)"));

  @ArchTest
  public static final ArchRule JDBC_ADAPTERS_USE_ONLY_JDBC =
      adapter(JDBC_ADAPTERS, JDK, Client.JDBC.classes());

  @ArchTest
  public static final ArchRule HTTP_ADAPTERS_USE_ONLY_AN_HTTP_SERVER =
      adapter(HTTP_ADAPTERS, JDK, Client.HTTP_SERVER.classes());

  @ArchTest public static final ArchRule INGEST_STAGES = stagesOf("ingest");

  @ArchTest public static final ArchRule MERGER_STAGES = stagesOf("merger");

  @ArchTest public static final ArchRule INDEXER_STAGES = stagesOf("indexer");

  /**
   * Not applied directly: ArchitectureTest freezes its one known violation (WideRowClient.open).
   */
  public static final ArchRule QUERY_STAGES = stagesOf("query");

  @ArchTest
  public static final ArchRule ENTRY_CLASSES_USE_NO_CLIENT =
      classes()
          .that(ENTRY_CLASSES.or(RUNTIME_CLASSES.and(not(ADAPTER_CLASSES))))
          .should()
          .onlyDependOnClassesThat(JDK.or(GENERAL_LIBRARIES).or(WIDEROW_CLASSES))
          .because(
              "entry classes wire adapters into stages but call no client library themselves:"
                  + " give the adapter a factory (as HBaseWideRowStore.open) and call that");

  @ArchTest
  public static final ArchRule TOOLS_USE_NO_CLIENT =
      classes()
          .that(
              resideInAnyPackage(
                  "io.widerow.stack..",
                  "io.widerow.local..",
                  "io.widerow.verify..",
                  "io.widerow.ops..",
                  "io.widerow.bench..",
                  "io.widerow.cli.."))
          .and(not(ADAPTER_CLASSES))
          .should()
          .onlyDependOnClassesThat(
              JDK.or(GENERAL_LIBRARIES)
                  .or(WIDEROW_CLASSES)
                  .or(
                      resideInAnyPackage("picocli..", "org.openjdk.jmh..", "jdk.jfr..")
                          .as("picocli, JMH, JFR")))
          .because(
              "tools reach servers through adapters: move the client or JDBC code into a"
                  + " subpackage named for it (jdbc, hbase, kafka, elasticsearch), as"
                  + " io.widerow.verify.jdbc and io.widerow.bench.jdbc do");

  @ArchTest
  public static final ArchRule TESTKIT_USES_CLIENTS_AND_TEST_LIBRARIES =
      classes()
          .that(TESTKIT_CLASSES.as("reside in io.widerow.testkit"))
          .should()
          .onlyDependOnClassesThat(
              resideInAnyPackage("java..", "io.widerow..")
                  .as("the JDK, widerow")
                  .or(GENERAL_LIBRARIES)
                  .or(anyClient())
                  .or(
                      resideInAnyPackage(
                              "org.junit..",
                              "org.opentest4j..",
                              "org.assertj..",
                              "org.awaitility..")
                          .as("JUnit, AssertJ, Awaitility")))
          .because(
              "testkit is the ITs' fixture library: it may reach every server, with the test"
                  + " libraries the modules' tests use; anything else belongs in a test of its"
                  + " own module");

  /** Every class is in a layer above, so a new module cannot pass unchecked. */
  @ArchTest
  public static final ArchRule EVERY_CLASS_HAS_A_LAYER =
      classes()
          .that()
          .resideInAPackage("io.widerow..")
          .should()
          .resideInAnyPackage(
              "io.widerow.core..",
              "io.widerow.runtime..",
              "io.widerow.hbase..",
              "io.widerow.kafka..",
              "io.widerow.elasticsearch..",
              "io.widerow.ingest..",
              "io.widerow.merger..",
              "io.widerow.indexer..",
              "io.widerow.query..",
              "io.widerow.stack..",
              "io.widerow.testkit..",
              "io.widerow.workload..",
              "io.widerow.local..",
              "io.widerow.verify..",
              "io.widerow.ops..",
              "io.widerow.bench..",
              "io.widerow.cli..")
          .because(
              "each root package has a layer in WiderowArchitecture: add a new module's package to"
                  + " the layer it belongs to, here and in that layer's rule");

  private static DescribedPredicate<JavaClass> adapterPackages(String... packages) {
    return resideInAnyPackage(packages)
        .and(not(TESTKIT_CLASSES))
        .as("reside in " + String.join(" or ", packages));
  }

  private static ArchRule adapter(
      DescribedPredicate<JavaClass> adapter,
      DescribedPredicate<JavaClass> platform,
      DescribedPredicate<JavaClass> client) {
    return classes()
        .that(adapter)
        .should()
        .onlyDependOnClassesThat(platform.or(GENERAL_LIBRARIES).or(WIDEROW_CLASSES).or(client))
        .because(
            "an adapter uses its own client and no other: code that needs another client belongs"
                + " in the adapter package named for that client");
  }

  private static ArchRule stagesOf(String service) {
    String root = "io.widerow." + service;
    DescribedPredicate<JavaClass> stages =
        resideInAnyPackage(root + "..").and(not(ADAPTER_CLASSES)).and(not(ENTRY_CLASSES));
    return classes()
        .that(stages.as("are stages of " + root))
        .should()
        .onlyDependOnClassesThat(
            JDK.or(GENERAL_LIBRARIES).or(CORE_CLASSES).or(stages.as("stages of " + root)).or(PORTS))
        .because(
            "a stage is handed its I/O as an interface (a core port such as WideRowStore,"
                + " KeyPublisher or DeadLetterSink, or an interface of the adapter) and "
                + entryClassName(service)
                + ", the entry class, constructs the adapter; code that must touch a client"
                + " moves into an adapter subpackage of "
                + root);
  }

  private static DescribedPredicate<JavaClass> anyClient() {
    Client[] clients = Client.values();
    DescribedPredicate<JavaClass> any = clients[0].classes();
    for (int i = 1; i < clients.length; i++) {
      any = any.or(clients[i].classes());
    }
    return any.as("a client library");
  }

  static boolean isEntryClass(JavaClass javaClass) {
    String topLevel = javaClass.getName().split("\\$", 2)[0];
    int dot = topLevel.lastIndexOf('.');
    if (dot < 0) {
      return false; // a primitive or a class of the default package
    }
    String pkg = topLevel.substring(0, dot);
    String service = pkg.substring(pkg.lastIndexOf('.') + 1);
    return pkg.equals("io.widerow." + service)
        && SERVICES.contains(service)
        && topLevel.substring(dot + 1).equals(entryClassName(service));
  }

  private static String entryClassName(String service) {
    return Character.toUpperCase(service.charAt(0)) + service.substring(1) + "Service";
  }

  private WiderowArchitecture() {}
}
