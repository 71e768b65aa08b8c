package dev.microkit.benchmarks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;

/**
 * Writes a suite's results: {@code results.json}, {@code results.md} and the PNG plots.
 */
final class Report {

	private final Path directory;

	private final String suite;

	private final List<PickCost.Row> pickCost;

	private final List<TailLatencyUnderSkew.Row> skew;

	private final StarterOverhead.Result overhead;

	private final List<Target> targets = new ArrayList<>();

	Report(Path directory, String suite, List<PickCost.Row> pickCost, List<TailLatencyUnderSkew.Row> skew,
			StarterOverhead.Result overhead) {
		this.directory = directory;
		this.suite = suite;
		this.pickCost = pickCost;
		this.skew = skew;
		this.overhead = overhead;
		judge();
	}

	List<Target> targets() {
		return this.targets;
	}

	private void judge() {
		double worstPick = this.pickCost.stream().mapToDouble(PickCost.Row::nanos).max().orElse(0);
		this.targets.add(new Target("pick cost, slowest balancer and size", "<= 1000 ns/op",
				format(worstPick) + " ns/op", worstPick <= 1000));
		this.targets.add(new Target("starter / same @FeignClient with fixed URL, throughput", ">= 0.95",
				format(this.overhead.ratio()), this.overhead.ratio() >= 0.95));
		TailLatencyUnderSkew.Row floor = row("floor (fast backends only)");
		TailLatencyUnderSkew.Row ewma = row("peak-ewma");
		TailLatencyUnderSkew.Row roundRobin = row("round-robin");
		if (floor != null && ewma != null) {
			double ratio = ewma.p99Millis() / floor.p99Millis();
			this.targets.add(new Target("peak-ewma p99 / floor p99 under skew", "<= 1.5", format(ratio), ratio <= 1.5));
		}
		if (roundRobin != null && ewma != null) {
			double ratio = ewma.p99Millis() / roundRobin.p99Millis();
			this.targets.add(new Target("peak-ewma p99 / round-robin p99 under skew", "<= 0.25", format(ratio),
					ratio <= 0.25));
		}
	}

	private TailLatencyUnderSkew.Row row(String balancer) {
		return this.skew.stream().filter((row) -> row.balancer().equals(balancer)).findFirst().orElse(null);
	}

	void write() {
		try {
			Files.createDirectories(this.directory);
			writeJson();
			Files.writeString(this.directory.resolve("results.md"), markdown());
			plotPickCost();
			plotTailLatency();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private void writeJson() throws IOException {
		Map<String, Object> json = new LinkedHashMap<>();
		json.put("suite", this.suite);
		json.put("date", OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.SECONDS).toString());
		json.put("machine", Map.of("cores", Runtime.getRuntime().availableProcessors(), "java",
				System.getProperty("java.version"), "os", System.getProperty("os.name")));
		json.put("targets", this.targets);
		json.put("pickCost", this.pickCost);
		json.put("tailLatencyUnderSkew", this.skew);
		json.put("starterOverhead", Map.of("bareFeignPerSecond", this.overhead.bareFeignPerSecond(),
				"openFeignFixedUrlPerSecond", this.overhead.openFeignFixedUrlPerSecond(), "starterPerSecond",
				this.overhead.starterPerSecond(), "ratio", this.overhead.ratio(), "ratioToBareFeign",
				this.overhead.ratioToBareFeign(), "threads", this.overhead.threads()));
		new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
			.writeValue(this.directory.resolve("results.json").toFile(), json);
	}

	private String markdown() {
		StringBuilder md = new StringBuilder();
		md.append("# microkit benchmarks (").append(this.suite).append(" suite)\n\n");
		md.append(Runtime.getRuntime().availableProcessors()).append(" cores, Java ")
			.append(System.getProperty("java.version"))
			.append(". Every comparison was measured in the same run.\n\n");
		md.append("## Targets\n\n| what | target | measured | met |\n|---|---|---|---|\n");
		for (Target target : this.targets) {
			md.append("| ").append(target.what()).append(" | ").append(target.target()).append(" | ")
				.append(target.measured()).append(" | ").append(target.met() ? "yes" : "**no**").append(" |\n");
		}
		md.append("\n## Pick cost: `choose()` of the configured balancer chain (ns/op, JMH)\n\n");
		md.append("| balancer | instances | ns/op | ± |\n|---|---:|---:|---:|\n");
		for (PickCost.Row row : this.pickCost) {
			md.append("| ").append(row.balancer()).append(" | ").append(row.instances()).append(" | ")
				.append(format(row.nanos())).append(" | ").append(format(row.error())).append(" |\n");
		}
		md.append("\n![pick cost](pick-cost.png)\n\n");
		md.append("## Tail latency under skew: one of three backends ")
			.append(TailLatencyUnderSkew.SLOW_MICROS / TailLatencyUnderSkew.FAST_MICROS)
			.append("× slower (ms, fixed rate)\n\n");
		md.append("| balancer | p50 | p99 | p99.9 | share to slow backend | failures | requests |\n");
		md.append("|---|---:|---:|---:|---:|---:|---:|\n");
		for (TailLatencyUnderSkew.Row row : this.skew) {
			md.append("| ").append(row.balancer()).append(" | ").append(format(row.p50Millis())).append(" | ")
				.append(format(row.p99Millis())).append(" | ").append(format(row.p999Millis())).append(" | ")
				.append(Math.round(row.slowShare() * 100)).append(" % | ").append(row.failures()).append(" | ")
				.append(row.requests()).append(" |\n");
		}
		md.append("\n![tail latency under skew](tail-latency.png)\n\n");
		md.append("## Starter overhead (calls/s, ").append(this.overhead.threads()).append(" threads)\n\n");
		md.append("| raw Feign, fixed URL | @FeignClient, fixed URL, microkit off | full starter stack "
				+ "| starter / fixed URL | starter / raw Feign |\n|---:|---:|---:|---:|---:|\n");
		md.append("| ").append(format(this.overhead.bareFeignPerSecond())).append(" | ")
			.append(format(this.overhead.openFeignFixedUrlPerSecond())).append(" | ")
			.append(format(this.overhead.starterPerSecond())).append(" | ").append(format(this.overhead.ratio()))
			.append(" | ").append(format(this.overhead.ratioToBareFeign())).append(" |\n");
		return md.toString();
	}

	private void plotPickCost() throws IOException {
		CategoryChart chart = new CategoryChartBuilder().width(900).height(500)
			.title("Pick cost: choose() per balancer")
			.xAxisTitle("balancer")
			.yAxisTitle("ns/op")
			.build();
		for (int instances : this.pickCost.stream().map(PickCost.Row::instances).distinct().sorted().toList()) {
			List<PickCost.Row> rows = this.pickCost.stream().filter((row) -> row.instances() == instances).toList();
			chart.addSeries(instances + " instances", rows.stream().map(PickCost.Row::balancer).toList(),
					rows.stream().map(PickCost.Row::nanos).toList());
		}
		BitmapEncoder.saveBitmap(chart, this.directory.resolve("pick-cost.png").toString(),
				BitmapEncoder.BitmapFormat.PNG);
	}

	private void plotTailLatency() throws IOException {
		CategoryChart chart = new CategoryChartBuilder().width(1000).height(500)
			.title("Latency under skew (one backend 10x slower)")
			.xAxisTitle("balancer")
			.yAxisTitle("ms")
			.build();
		List<String> names = this.skew.stream().map(TailLatencyUnderSkew.Row::balancer).toList();
		chart.addSeries("p50", names, this.skew.stream().map(TailLatencyUnderSkew.Row::p50Millis).toList());
		chart.addSeries("p99", names, this.skew.stream().map(TailLatencyUnderSkew.Row::p99Millis).toList());
		chart.addSeries("p99.9", names, this.skew.stream().map(TailLatencyUnderSkew.Row::p999Millis).toList());
		chart.getStyler().setXAxisLabelRotation(20);
		BitmapEncoder.saveBitmap(chart, this.directory.resolve("tail-latency.png").toString(),
				BitmapEncoder.BitmapFormat.PNG);
	}

	private static String format(double value) {
		return (value >= 100) ? String.valueOf(Math.round(value)) : String.format("%.2f", value);
	}

	/**
	 * A target of the issue and whether this run met it.
	 */
	record Target(String what, String target, String measured, boolean met) {
	}

}
