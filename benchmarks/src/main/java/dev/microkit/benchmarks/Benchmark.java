package dev.microkit.benchmarks;

import dev.microkit.benchmarks.report.ReportSection;

/**
 * One benchmark of the suite, runnable at the quick suite's size or as a smoke run that
 * only proves it starts.
 */
@FunctionalInterface
interface Benchmark {

	ReportSection run(boolean smoke);

}
