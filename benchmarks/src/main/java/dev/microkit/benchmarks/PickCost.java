package dev.microkit.benchmarks;

import java.util.ArrayList;
import java.util.List;

import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Runs {@link PickCostBenchmark} with JMH.
 */
final class PickCost {

	private final ChainedOptionsBuilder options;

	private PickCost(ChainedOptionsBuilder options) {
		this.options = options;
	}

	static PickCost quick() {
		return new PickCost(new OptionsBuilder().forks(1)
			.warmupIterations(3)
			.warmupTime(TimeValue.seconds(1))
			.measurementIterations(4)
			.measurementTime(TimeValue.seconds(1)));
	}

	static PickCost smoke() {
		return new PickCost(new OptionsBuilder().forks(0)
			.warmupIterations(0)
			.measurementIterations(1)
			.measurementTime(TimeValue.milliseconds(200))
			.param("balancer", "peak-ewma")
			.param("instances", "3"));
	}

	List<Row> run() {
		List<Row> rows = new ArrayList<>();
		try {
			for (RunResult result : new Runner(this.options.include(PickCostBenchmark.class.getSimpleName()).build())
				.run()) {
				rows.add(new Row(result.getParams().getParam("balancer"),
						Integer.parseInt(result.getParams().getParam("instances")),
						result.getPrimaryResult().getScore(), result.getPrimaryResult().getScoreError()));
			}
		}
		catch (RunnerException ex) {
			throw new IllegalStateException("JMH failed", ex);
		}
		return rows;
	}

	/**
	 * Nanoseconds per {@code choose()}, with JMH's 99.9 % error margin.
	 */
	record Row(String balancer, int instances, double nanos, double error) {
	}

}
