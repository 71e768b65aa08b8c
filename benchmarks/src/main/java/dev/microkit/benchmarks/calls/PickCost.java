package dev.microkit.benchmarks.calls;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import dev.microkit.benchmarks.report.MarkdownTable;
import dev.microkit.benchmarks.report.Plots;
import dev.microkit.benchmarks.report.ReportSection;
import dev.microkit.benchmarks.report.Target;
import org.knowm.xchart.CategoryChart;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Runs {@link PickCostBenchmark} with JMH.
 */
public final class PickCost {

	private final ChainedOptionsBuilder options;

	private PickCost(ChainedOptionsBuilder options) {
		this.options = options;
	}

	public static PickCost quick() {
		// Four seconds of warm-up: each fork starts an application, and after one second
		// the JIT compiler was still at work on the chain (a score error of three times
		// the score).
		return new PickCost(new OptionsBuilder().forks(1)
			.warmupIterations(4)
			.warmupTime(TimeValue.seconds(1))
			.measurementIterations(5)
			.measurementTime(TimeValue.milliseconds(400)));
	}

	public static PickCost smoke() {
		return new PickCost(new OptionsBuilder().forks(0)
			.warmupIterations(0)
			.measurementIterations(1)
			.measurementTime(TimeValue.milliseconds(200))
			.param("balancer", "peak-ewma")
			.param("instances", "3"));
	}

	public Results run() {
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
		return new Results(rows);
	}

	/**
	 * Nanoseconds per {@code choose()}, with JMH's 99.9 % error margin.
	 */
	record Row(String balancer, int instances, double nanos, double error) {
	}

	record Results(List<Row> rows) implements ReportSection {

		@Override
		public String key() {
			return "pickCost";
		}

		@Override
		public Object json() {
			return this.rows;
		}

		@Override
		public List<Target> targets() {
			double worst = this.rows.stream().mapToDouble(Row::nanos).max().orElse(0);
			return List.of(Target.atMost("pick cost, slowest balancer and size", 1000, worst, " ns/op"));
		}

		@Override
		public String markdown() {
			StringBuilder md = new StringBuilder();
			md.append("## Pick cost: `choose()` of the configured balancer chain (ns/op, JMH)\n\n");
			MarkdownTable table = new MarkdownTable().left("balancer").right("instances", "ns/op", "±");
			this.rows.forEach((row) -> table.row(row.balancer(), row.instances(), row.nanos(), row.error()));
			md.append(table);
			return md.append("\n![pick cost](pick-cost.png)\n").toString();
		}

		@Override
		public void plot(Path directory) throws IOException {
			CategoryChart chart = Plots.bars(900, 500, "Pick cost: choose() per balancer", "balancer", "ns/op");
			for (int instances : this.rows.stream().map(Row::instances).distinct().sorted().toList()) {
				List<Row> sized = this.rows.stream().filter((row) -> row.instances() == instances).toList();
				chart.addSeries(instances + " instances", sized.stream().map(Row::balancer).toList(),
						sized.stream().map(Row::nanos).toList());
			}
			Plots.save(chart, directory, "pick-cost.png");
		}

	}

}
