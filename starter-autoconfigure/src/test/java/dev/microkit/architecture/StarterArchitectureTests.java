package dev.microkit.architecture;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The starter's packages import one way: no two packages import each other, calls and
 * events never import one another, only the wiring imports the wiring, and each feature's
 * root (its public API and bottom layer) imports nothing of its sub-packages.
 * {@code docs/architecture.md} draws the same picture.
 */
@AnalyzeClasses(packages = "dev.microkit", importOptions = ImportOption.DoNotIncludeTests.class)
class StarterArchitectureTests {

	@ArchTest
	static final ArchRule noPackageCycles = slices().matching("dev.microkit.(**)").should().beFreeOfCycles();

	@ArchTest
	static final ArchRule callsNeverImportEvents = noClasses().that()
		.resideInAPackage("dev.microkit.calls..")
		.should()
		.dependOnClassesThat()
		.resideInAPackage("dev.microkit.events..");

	@ArchTest
	static final ArchRule eventsNeverImportCalls = noClasses().that()
		.resideInAPackage("dev.microkit.events..")
		.should()
		.dependOnClassesThat()
		.resideInAPackage("dev.microkit.calls..");

	@ArchTest
	static final ArchRule onlyWiringImportsWiring = noClasses().that()
		.resideOutsideOfPackage("..autoconfigure..")
		.should()
		.dependOnClassesThat()
		.resideInAPackage("dev.microkit..autoconfigure..");

	@ArchTest
	static final ArchRule eventsApiStandsAlone = noClasses().that()
		.resideInAPackage("dev.microkit.events")
		.should()
		.dependOnClassesThat()
		.resideInAPackage("dev.microkit.events.(*)..");

	@ArchTest
	static final ArchRule callsRootStandsAlone = noClasses().that()
		.resideInAPackage("dev.microkit.calls")
		.should()
		.dependOnClassesThat()
		.resideInAPackage("dev.microkit.calls.(*)..");

}
