package dev.microkit.benchmarks;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.microkit.benchmarks.calls.BalanceUnderLoad;
import dev.microkit.benchmarks.calls.ClientCost;
import dev.microkit.benchmarks.calls.Failover;
import dev.microkit.benchmarks.calls.PickCost;
import dev.microkit.benchmarks.calls.StarterOverhead;
import dev.microkit.benchmarks.calls.TailLatencyUnderSkew;
import dev.microkit.benchmarks.events.EventsBenchmark;
import dev.microkit.benchmarks.events.OutboxRelayThroughput;
import dev.microkit.benchmarks.events.PublishToHandleLatency;
import dev.microkit.benchmarks.events.PublisherThroughput;
import dev.microkit.benchmarks.events.RabbitPublisherThroughput;
import dev.microkit.benchmarks.events.RequestReplyLatency;
import dev.microkit.benchmarks.report.Report;
import dev.microkit.benchmarks.report.ReportSection;
import dev.microkit.benchmarks.samples.ProtocolComparison;
import dev.microkit.benchmarks.samples.SampleServices;

/**
 * Runs a benchmark suite and writes its results: {@code quick} (the documented one, a few
 * minutes) or {@code smoke} (seconds; proves every benchmark starts), optionally only
 * some of its benchmarks. Usage:
 * {@code BenchmarkSuite [--suite=quick|smoke] [--only=pick-cost,...] [--out=benchmarks/results]}.
 */
public final class BenchmarkSuite {

	static final List<String> BALANCERS = List.of("round-robin", "random", "weighted", "least-requests", "peak-ewma",
			"consistent-hash");

	static final Map<String, Benchmark> BENCHMARKS = benchmarks();

	private BenchmarkSuite() {
	}

	private static Map<String, Benchmark> benchmarks() {
		Map<String, Benchmark> benchmarks = new LinkedHashMap<>();
		// The overhead first: a JVM that has run the other benchmarks' calls has compiled
		// the starter's code with the type profiles of six balancers, and the fixed URL's
		// without.
		benchmarks.put("starter-overhead",
				(smoke) -> (smoke ? new StarterOverhead(4, Duration.ofMillis(500), Duration.ZERO, 1)
						: new StarterOverhead(8, Duration.ofMillis(500), Duration.ofSeconds(120), 30))
					.run());
		benchmarks.put("client-cost", (smoke) -> (smoke ? new ClientCost(2, 100) : new ClientCost(7, 700)).run());
		benchmarks.put("pick-cost", (smoke) -> (smoke ? PickCost.smoke() : PickCost.quick()).run());
		benchmarks.put("tail-latency",
				(smoke) -> smoke
						? new TailLatencyUnderSkew(100, Duration.ofMillis(300), Duration.ofSeconds(1), 2,
								Duration.ofMillis(100))
							.run(List.of("round-robin", "peak-ewma"))
						: new TailLatencyUnderSkew(200, Duration.ofSeconds(3), Duration.ofSeconds(12), 4,
								Duration.ofMillis(500))
							.run(BALANCERS));
		benchmarks.put("tail-latency-grpc",
				(smoke) -> smoke
						? new TailLatencyUnderSkew(100, Duration.ofMillis(300), Duration.ofSeconds(1), 2,
								Duration.ofMillis(100))
							.overGrpc()
							.run(List.of("peak-ewma"))
						: new TailLatencyUnderSkew(200, Duration.ofSeconds(3), Duration.ofSeconds(12), 4,
								Duration.ofMillis(500))
							.overGrpc()
							.run(List.of("round-robin", "peak-ewma")));
		benchmarks.put("balance-under-load",
				(smoke) -> smoke
						? new BalanceUnderLoad(100, Duration.ofMillis(200), Duration.ofSeconds(1),
								new BalanceUnderLoad.Restart(Duration.ofMillis(300), Duration.ofMillis(700),
										Duration.ofMillis(200), Duration.ofMillis(400), 2))
							.run(List.of(BalanceUnderLoad.PEAK_EWMA))
						: new BalanceUnderLoad(200, Duration.ofSeconds(2), Duration.ofSeconds(15),
								new BalanceUnderLoad.Restart(Duration.ofSeconds(5), Duration.ofSeconds(15),
										Duration.ofSeconds(2), Duration.ofSeconds(5), 3))
							.run(List.of(BalanceUnderLoad.PEAK_EWMA, BalanceUnderLoad.PEAK_EWMA_DECAY_10S)));
		benchmarks.put("failover", (smoke) -> smoke
				? new Failover(100, Duration.ofMillis(200), Duration.ofMillis(200), Duration.ofMillis(100),
						Duration.ofMillis(500), Duration.ofMillis(300))
					.run(List.of(Failover.MICROKIT, Failover.PLAIN))
				: new Failover(200, Duration.ofSeconds(2), Duration.ofSeconds(2), Duration.ofMillis(500),
						Duration.ofSeconds(3), Duration.ofSeconds(3))
					.run(List.of(Failover.MICROKIT, Failover.PLAIN, Failover.PLAIN_WITHOUT_RETRY)));
		benchmarks.put("events", (smoke) -> (smoke
				? new EventsBenchmark(new PublisherThroughput(500, Duration.ZERO, Duration.ofMillis(300), 2),
						new PublishToHandleLatency(200, Duration.ofMillis(300), Duration.ofMillis(500), 1),
						new OutboxRelayThroughput(200, 4, Duration.ofSeconds(1), 1_000),
						new RabbitPublisherThroughput(200, Duration.ZERO, Duration.ofMillis(300), 2),
						new RequestReplyLatency(20, 20, 1))
				: new EventsBenchmark(new PublisherThroughput(1000, Duration.ofSeconds(45), Duration.ofMillis(600), 10),
						new PublishToHandleLatency(200, Duration.ofSeconds(2), Duration.ofSeconds(4), 2),
						new OutboxRelayThroughput(1_000, 8, Duration.ofSeconds(10), 30_000),
						new RabbitPublisherThroughput(1000, Duration.ofSeconds(45), Duration.ofMillis(600), 10),
						new RequestReplyLatency(500, 200, 10)))
			.run());
		benchmarks.put("samples",
				(smoke) -> (smoke ? new SampleServices(home(), 1, 1, 20, Duration.ZERO, Duration.ofMillis(500), 1)
						: new SampleServices(home(), 3, 2, 20, Duration.ofSeconds(60), Duration.ofSeconds(5), 3))
					.run());
		benchmarks.put("protocols",
				(smoke) -> (smoke
						? new ProtocolComparison(home(), 1, 8, 100, Duration.ofMillis(300), Duration.ofMillis(300), 1)
						: new ProtocolComparison(home(), 2, 8, 200, Duration.ofSeconds(20), Duration.ofSeconds(5), 3))
					.run());
		return benchmarks;
	}

	/**
	 * The project's root folder, where the samples' jars are built.
	 */
	private static Path home() {
		return Path.of(System.getProperty("microkit.home", "."));
	}

	public static void main(String[] args) {
		String suite = option(args, "--suite=", "quick");
		Path out = Path.of(option(args, "--out=", "benchmarks/results"));
		List<String> only = Arrays.asList(option(args, "--only=", String.join(",", BENCHMARKS.keySet())).split(","));
		Report report = run(suite, only, out);
		report.targets()
			.forEach((target) -> System.out.printf("%-55s %-14s %-14s %s%n", target.what(), target.target(),
					target.measured(), target.met() ? "met" : "MISSED"));
		System.out.println("Results in " + out.toAbsolutePath());
		System.exit(0);
	}

	static Report run(String suite, List<String> only, Path out) {
		if (!suite.equals("smoke") && !suite.equals("quick")) {
			throw new IllegalArgumentException("--suite is 'quick' or 'smoke', not '" + suite + "'");
		}
		List<ReportSection> sections = only.stream().map((name) -> run(name, suite.equals("smoke"))).toList();
		Report report = new Report(out, suite, sections);
		report.write();
		return report;
	}

	private static ReportSection run(String name, boolean smoke) {
		Benchmark benchmark = benchmark(name);
		long start = System.nanoTime();
		ReportSection section = benchmark.run(smoke);
		System.out.printf("%s took %d s%n", name, Math.round((System.nanoTime() - start) / 1e9));
		return section;
	}

	private static Benchmark benchmark(String name) {
		Benchmark benchmark = BENCHMARKS.get(name);
		if (benchmark == null) {
			throw new IllegalArgumentException("--only takes names of " + BENCHMARKS.keySet() + ", not '" + name + "'");
		}
		return benchmark;
	}

	/**
	 * The last value given for an option, so that run.sh's defaults can be overridden.
	 */
	private static String option(String[] args, String prefix, String fallback) {
		String value = fallback;
		for (String arg : args) {
			if (arg.startsWith(prefix)) {
				value = arg.substring(prefix.length());
			}
		}
		return value;
	}

}
