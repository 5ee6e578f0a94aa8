package io.widerow.core.arch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.lang.ArchRule;

/**
 * Architecture rules shared by every module; each module's {@code ArchitectureTest} applies them.
 */
public final class DomainRules {

  /** Subpackages that may talk to servers; everything else is domain. */
  public static final String[] ADAPTER_PACKAGES = {
    "..hbase..", "..kafka..", "..elasticsearch..", "..debezium..", "..stack..", "..jdbc.."
  };

  public static final ArchRule DOMAIN_DOES_NOT_IMPORT_CLIENT_LIBRARIES =
      noClasses()
          .that()
          .resideInAPackage("io.widerow..")
          .and()
          .resideOutsideOfPackages(ADAPTER_PACKAGES)
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(
              "org.apache.hadoop..",
              "org.apache.kafka..",
              "co.elastic..",
              "org.elasticsearch..",
              "io.debezium..",
              "org.mariadb..")
          .because(
              "domain code must not import a client library: move the client call into an"
                  + " adapter subpackage (hbase/, kafka/, elasticsearch/, debezium/, jdbc/) behind"
                  + " an interface the domain owns")
          .allowEmptyShould(true);

  private DomainRules() {}
}
