package dev.microkit.benchmarks;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Runs a benchmark suite and writes its results: {@code quick} (the documented one, a few
 * minutes) or {@code smoke} (seconds; proves every benchmark starts).
 * Usage: {@code BenchmarkSuite [--suite=quick|smoke] [--out=benchmarks/results]}.
 */
public final class BenchmarkSuite {

	static final List<String> BALANCERS = List.of("round-robin", "random", "weighted", "least-requests", "peak-ewma",
			"consistent-hash");

	private BenchmarkSuite() {
	}

	public static void main(String[] args) {
		String suite = option(args, "--suite=", "quick");
		Path out = Path.of(option(args, "--out=", "benchmarks/results"));
		Report report = run(suite, out);
		report.targets()
			.forEach((target) -> System.out.printf("%-45s %-10s %-14s %s%n", target.what(), target.target(),
					target.measured(), target.met() ? "met" : "MISSED"));
		System.out.println("Results in " + out.toAbsolutePath());
		System.exit(0);
	}

	static Report run(String suite, Path out) {
		boolean smoke = suite.equals("smoke");
		if (!smoke && !suite.equals("quick")) {
			throw new IllegalArgumentException("--suite is 'quick' or 'smoke', not '" + suite + "'");
		}
		List<PickCost.Row> pickCost = (smoke ? PickCost.smoke() : PickCost.quick()).run();
		List<TailLatencyUnderSkew.Row> skew = (smoke
				? new TailLatencyUnderSkew(100, Duration.ofMillis(300), Duration.ofSeconds(1))
					.run(List.of("round-robin", "peak-ewma"))
				: new TailLatencyUnderSkew(200, Duration.ofSeconds(4), Duration.ofSeconds(15)).run(BALANCERS));
		StarterOverhead.Result overhead = (smoke ? new StarterOverhead(4, Duration.ofMillis(500), 1)
				: new StarterOverhead(8, Duration.ofSeconds(4), 3))
			.run();
		Report report = new Report(out, suite, pickCost, skew, overhead);
		report.write();
		return report;
	}

	private static String option(String[] args, String prefix, String fallback) {
		for (String arg : args) {
			if (arg.startsWith(prefix)) {
				return arg.substring(prefix.length());
			}
		}
		return fallback;
	}

}
