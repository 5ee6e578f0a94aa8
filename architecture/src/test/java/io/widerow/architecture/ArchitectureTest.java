package io.widerow.architecture;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.junit.ArchTests;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.library.freeze.FreezingArchRule;

/**
 * Applies the architecture rule, every layer of {@link WiderowArchitecture}, once to the main
 * classes of every module; this module's own test classes (the planted violations) are left out.
 */
@AnalyzeClasses(packages = "io.widerow", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

  @ArchTest static final ArchTests layers = ArchTests.in(WiderowArchitecture.class);

  /**
   * Known violations, listed in src/test/resources/frozen: they do not fail the build, any new one
   * does, and the build fails too once one is fixed until its line is deleted from the store.
   */
  @ArchTest
  static final ArchRule queryStages = FreezingArchRule.freeze(WiderowArchitecture.QUERY_STAGES);
}
