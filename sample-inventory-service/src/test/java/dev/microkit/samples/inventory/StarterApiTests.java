package dev.microkit.samples.inventory;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

import dev.microkit.testsupport.architecture.StarterApi;

/**
 * The sample is what users copy: it uses the starter's public API and nothing below it.
 */
@AnalyzeClasses(packages = "dev.microkit.samples.inventory", importOptions = ImportOption.DoNotIncludeTests.class)
class StarterApiTests {

	@ArchTest
	static final ArchRule usesOnlyThePublicApi = StarterApi.onlyThePublicApi("dev.microkit.samples.inventory..");

}
