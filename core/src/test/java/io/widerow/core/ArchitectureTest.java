package io.widerow.core;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import io.widerow.core.arch.DomainRules;

@AnalyzeClasses(packages = "io.widerow.core", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

  @ArchTest
  static final ArchRule domainDoesNotImportClientLibraries =
      DomainRules.DOMAIN_DOES_NOT_IMPORT_CLIENT_LIBRARIES;
}
