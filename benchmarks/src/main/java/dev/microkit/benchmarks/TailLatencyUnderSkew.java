package dev.microkit.benchmarks;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;

import org.springframework.context.ConfigurableApplicationContext;

/**
 * After Linkerd's "Beyond Round Robin": three backends, one ten times slower than the
 * others, a fixed request rate through the whole starter stack, and the latency callers
 * see with each balancer — against the floor, the two fast backends alone.
 */
final class TailLatencyUnderSkew {

	static final long FAST_MICROS = 2_000;

	static final long SLOW_MICROS = 10 * FAST_MICROS;

	private final int rate;

	private final Duration warmUp;

	private final Duration measurement;

	TailLatencyUnderSkew(int rate, Duration warmUp, Duration measurement) {
		this.rate = rate;
		this.warmUp = warmUp;
		this.measurement = measurement;
	}

	Results run(List<String> balancers) {
		List<Row> rows = new ArrayList<>();
		try (LoopbackServer fastA = new LoopbackServer("fast-a", FAST_MICROS);
				LoopbackServer fastB = new LoopbackServer("fast-b", FAST_MICROS);
				LoopbackServer slow = new LoopbackServer("slow", SLOW_MICROS)) {
			for (String balancer : balancers) {
				rows.add(measure(balancer, List.of(fastA.uri(), fastB.uri(), slow.uri()), balancer, slow));
			}
			// Last, so that the floor is measured on a JVM as warm as the balancers were.
			rows.add(0, measure(Results.FLOOR, List.of(fastA.uri(), fastB.uri()), "round-robin", null));
		}
		return new Results(rows);
	}

	private Row measure(String name, List<String> uris, String balancer, LoopbackServer slow) {
		try (ConfigurableApplicationContext context = CallsApplication.start(uris, balancer,
				"microkit.calls.clients.backend.weighted.warm-up=0s")) {
			BackendClient client = context.getBean(BackendClient.class);
			OpenLoopLoad load = new OpenLoopLoad(this.rate, 64);
			Runnable call = () -> client.work(UUID.randomUUID().toString());
			load.run(call, this.warmUp);
			long slowBefore = (slow != null) ? slow.requests() : 0;
			OpenLoopLoad.Outcome outcome = load.run(call, this.measurement);
			long total = outcome.latencies().getTotalCount();
			double slowShare = (slow != null && total > 0) ? (double) (slow.requests() - slowBefore) / total : 0;
			return new Row(name, outcome.percentileMillis(50), outcome.percentileMillis(99),
					outcome.percentileMillis(99.9), slowShare, outcome.failures(), total);
		}
	}

	/**
	 * What callers saw with one balancer.
	 * @param slowShare share of requests the slow backend received
	 */
	record Row(String balancer, double p50Millis, double p99Millis, double p999Millis, double slowShare,
			long failures, long requests) {
	}

	record Results(List<Row> rows) implements ReportSection {

		static final String FLOOR = "floor (fast backends only)";

		@Override
		public String key() {
			return "tailLatencyUnderSkew";
		}

		@Override
		public Object json() {
			return this.rows;
		}

		@Override
		public List<Target> targets() {
			List<Target> targets = new ArrayList<>();
			Row floor = row(FLOOR);
			Row ewma = row("peak-ewma");
			Row roundRobin = row("round-robin");
			if (floor != null && ewma != null) {
				targets.add(Target.atMost("peak-ewma p99 / floor p99 under skew", 1.5,
						ewma.p99Millis() / floor.p99Millis(), ""));
			}
			if (roundRobin != null && ewma != null) {
				targets.add(Target.atMost("peak-ewma p99 / round-robin p99 under skew", 0.25,
						ewma.p99Millis() / roundRobin.p99Millis(), ""));
			}
			return targets;
		}

		private Row row(String balancer) {
			return this.rows.stream().filter((row) -> row.balancer().equals(balancer)).findFirst().orElse(null);
		}

		@Override
		public String markdown() {
			StringBuilder md = new StringBuilder();
			md.append("## Tail latency under skew: one of three backends ")
				.append(SLOW_MICROS / FAST_MICROS)
				.append("× slower (ms, fixed rate)\n\n");
			md.append("| balancer | p50 | p99 | p99.9 | share to slow backend | failures | requests |\n");
			md.append("|---|---:|---:|---:|---:|---:|---:|\n");
			for (Row row : this.rows) {
				md.append("| ").append(row.balancer()).append(" | ").append(Numbers.format(row.p50Millis()))
					.append(" | ").append(Numbers.format(row.p99Millis())).append(" | ")
					.append(Numbers.format(row.p999Millis())).append(" | ")
					.append(Math.round(row.slowShare() * 100)).append(" % | ").append(row.failures()).append(" | ")
					.append(row.requests()).append(" |\n");
			}
			return md.append("\n![tail latency under skew](tail-latency.png)\n").toString();
		}

		@Override
		public void plot(Path directory) throws IOException {
			CategoryChart chart = new CategoryChartBuilder().width(1000).height(500)
				.title("Latency under skew (one backend 10x slower)")
				.xAxisTitle("balancer")
				.yAxisTitle("ms")
				.build();
			List<String> names = this.rows.stream().map(Row::balancer).toList();
			chart.addSeries("p50", names, this.rows.stream().map(Row::p50Millis).toList());
			chart.addSeries("p99", names, this.rows.stream().map(Row::p99Millis).toList());
			chart.addSeries("p99.9", names, this.rows.stream().map(Row::p999Millis).toList());
			chart.getStyler().setXAxisLabelRotation(20);
			BitmapEncoder.saveBitmap(chart, directory.resolve("tail-latency.png").toString(),
					BitmapEncoder.BitmapFormat.PNG);
		}

	}

}
