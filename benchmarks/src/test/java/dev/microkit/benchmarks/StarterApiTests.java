package dev.microkit.benchmarks;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

import dev.microkit.calls.autoconfigure.CallsAutoConfiguration;
import dev.microkit.events.listener.EventListeners;
import dev.microkit.events.outbox.OutboxRelay;
import dev.microkit.testsupport.architecture.StarterApi;

/**
 * The benchmarks measure the starter as applications use it; the few internals they reach
 * are named here with the reason.
 */
@AnalyzeClasses(packages = "dev.microkit.benchmarks", importOptions = ImportOption.DoNotIncludeTests.class)
class StarterApiTests {

	@ArchTest
	static final ArchRule usesThePublicApiAndTheNamedInternals = StarterApi.onlyThePublicApi(
			"dev.microkit.benchmarks..",
			// pick cost is measured with the calls wiring alone, without Feign's
			CallsAutoConfiguration.class,
			// publish-to-handle latency starts only once the listeners own their
			// partitions
			EventListeners.class,
			// the relay is paused to build a backlog, then its drain rate is measured
			OutboxRelay.class);

}
