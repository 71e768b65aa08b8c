package dev.microkit.benchmarks.calls;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;

import dev.microkit.benchmarks.measure.OpenLoopLoad;
import dev.microkit.benchmarks.report.MarkdownTable;
import dev.microkit.benchmarks.report.Numbers;
import dev.microkit.benchmarks.report.ReportSection;
import dev.microkit.benchmarks.report.Target;
import dev.microkit.testsupport.http.LoopbackBackend;

import org.springframework.context.ConfigurableApplicationContext;

/**
 * Balancers in front of backends that serve one request at a time, as a JDK
 * {@code HttpServer} with its default executor does: an instance's latency grows with the
 * load it is given, so a balancer that misjudges an instance feeds it a queue or starves
 * it. Three cases at a fixed rate, each balancer in an application of its own with fresh
 * backends: one backend ten times slower than two others, equal backends, and a backend
 * stopped and restarted cold. Peak-EWMA runs with its default decay time and, for
 * comparison, with Finagle's and tower's 10 s. Under skew the floor and the peak-EWMA
 * setups are measured in turns ({@link MeasuredInTurns}).
 */
public final class BalanceUnderLoad {

	public static final Setup PEAK_EWMA = new Setup("peak-ewma", "peak-ewma");

	public static final Setup PEAK_EWMA_DECAY_10S = new Setup("peak-ewma, decay-time 10 s", "peak-ewma",
			"microkit.calls.clients.backend.peak-ewma.decay-time=10s");

	static final Setup ROUND_ROBIN = new Setup("round-robin", "round-robin");

	static final Setup FLOOR = new Setup("floor (fast backends only, round-robin)", "round-robin");

	static final Duration FAST = Duration.ofMillis(5);

	static final Duration SLOW = Duration.ofMillis(50);

	static final Duration COLD = Duration.ofMillis(40);

	private static final int WORKERS = 64;

	private static final int TURNS = 5;

	private final int rate;

	private final Duration warmUp;

	private final Duration measurement;

	private final Restart restart;

	/**
	 * @param rate calls per second
	 * @param warmUp how long each application is called, one call after another, before
	 * it is measured
	 * @param measurement how long each application of the skewed and equal cases is
	 * measured
	 * @param restart the timing of the restart case
	 */
	public BalanceUnderLoad(int rate, Duration warmUp, Duration measurement, Restart restart) {
		this.rate = rate;
		this.warmUp = warmUp;
		this.measurement = measurement;
		this.restart = restart;
	}

	/**
	 * Measures round-robin and the floor under skew, then each given peak-EWMA setup in
	 * every case, one application at a time.
	 */
	public Results run(List<Setup> peakEwmas) {
		List<LoadRow> skew = new ArrayList<>();
		// Round-robin first: its latency is the slow backend's queue, seconds long, and
		// would not show that the JIT compiler is still busy with the first application's
		// code; the floor, measured first, did (a p99 of 104 ms against 10-15 ms).
		skew.add(measure(ROUND_ROBIN, List.of(FAST, FAST, SLOW)));
		List<Setup> againstTheFloor = new ArrayList<>(List.of(FLOOR));
		againstTheFloor.addAll(peakEwmas);
		skew.addAll(measureInTurns(againstTheFloor,
				(setup) -> (setup == FLOOR) ? List.of(FAST, FAST) : List.of(FAST, FAST, SLOW)));
		List<LoadRow> equalThree = peakEwmas.stream()
			.map((setup) -> measure(setup, Collections.nCopies(3, FAST)))
			.toList();
		List<LoadRow> equalTen = peakEwmas.stream()
			.map((setup) -> measure(setup, Collections.nCopies(10, FAST)))
			.toList();
		List<RestartRow> restarts = peakEwmas.stream().map(this::measureRestart).toList();
		return new Results(this.rate, this.measurement.toMillis() / 1000.0, this.restart, skew, equalThree, equalTen,
				restarts);
	}

	private LoadRow measure(Setup setup, List<Duration> serviceTimes) {
		try (Backends backends = new Backends(serviceTimes);
				ConfigurableApplicationContext context = start(setup, backends)) {
			Runnable call = warmedUpCall(context);
			backends.resetCounts();
			OpenLoopLoad.Outcome outcome = new OpenLoopLoad(this.rate, WORKERS).run(call, this.measurement);
			return LoadRow.of(setup.name(), outcome, backends.requests(), Failover.ejections(context));
		}
	}

	/**
	 * Measures the setups in turns, each application with backends of its own, so that
	 * their ratios do not depend on what else the machine was doing at the time.
	 */
	private List<LoadRow> measureInTurns(List<Setup> setups, Function<Setup, List<Duration>> serviceTimes) {
		List<Backends> backends = new ArrayList<>();
		List<ConfigurableApplicationContext> contexts = new ArrayList<>();
		try {
			List<MeasuredInTurns.Contender> contenders = new ArrayList<>();
			for (Setup setup : setups) {
				Backends own = new Backends(serviceTimes.apply(setup));
				backends.add(own);
				ConfigurableApplicationContext context = start(setup, own);
				contexts.add(context);
				contenders.add(new MeasuredInTurns.Contender(warmedUpCall(context), own::requests));
			}
			new MeasuredInTurns(this.rate, WORKERS, TURNS, this.measurement.dividedBy(TURNS * 3)).run(contenders,
					this.measurement);
			List<LoadRow> rows = new ArrayList<>();
			for (int i = 0; i < setups.size(); i++) {
				MeasuredInTurns.Contender contender = contenders.get(i);
				rows.add(LoadRow.of(setups.get(i).name(), contender.outcome(), contender.measuredRequests(),
						Failover.ejections(contexts.get(i))));
			}
			return rows;
		}
		finally {
			contexts.forEach(ConfigurableApplicationContext::close);
			backends.forEach(Backends::close);
		}
	}

	private RestartRow measureRestart(Setup setup) {
		try (Backends backends = new Backends(Collections.nCopies(3, FAST));
				ConfigurableApplicationContext context = start(setup, backends)) {
			Runnable call = warmedUpCall(context);
			backends.resetCounts();
			LoopbackBackend restarted = backends.get(2);
			List<List<Integer>> counts = Collections.synchronizedList(new ArrayList<>());
			ScheduledExecutorService clock = Executors.newSingleThreadScheduledExecutor();
			try {
				List<ScheduledFuture<?>> steps = new ArrayList<>();
				steps.add(at(clock, this.restart.stopAfter(), restarted::stop));
				steps.add(at(clock, this.restart.restartAfter(), () -> {
					restarted.delayedBy(COLD).restart();
					counts.add(backends.requests());
				}));
				steps.add(at(clock, this.restart.restartAfter().plus(this.restart.coldFor()),
						() -> restarted.delayedBy(FAST)));
				for (int window = 1; window <= this.restart.windows(); window++) {
					steps.add(at(clock, this.restart.windowEnd(window), () -> counts.add(backends.requests())));
				}
				OpenLoopLoad.Outcome outcome = new OpenLoopLoad(this.rate, WORKERS).run(call, this.restart.total());
				clock.shutdown();
				steps.forEach(BalanceUnderLoad::await);
				return RestartRow.of(setup.name(), outcome, Failover.ejections(context), counts);
			}
			finally {
				clock.shutdownNow();
			}
		}
	}

	private static ConfigurableApplicationContext start(Setup setup, Backends backends) {
		return CallsApplication.start(backends.uris(), setup.loadBalancer(), setup.properties());
	}

	/**
	 * The application's call, after calling it one call after another for the warm-up:
	 * the JIT compiler and the connection pool warm, the balancer with an estimate of
	 * every instance.
	 */
	private Runnable warmedUpCall(ConfigurableApplicationContext context) {
		BackendClient client = context.getBean(BackendClient.class);
		Runnable call = () -> client.work(UUID.randomUUID().toString());
		long end = System.nanoTime() + this.warmUp.toNanos();
		while (System.nanoTime() < end) {
			call.run();
		}
		return call;
	}

	private static ScheduledFuture<?> at(ScheduledExecutorService clock, Duration delay, Runnable step) {
		return clock.schedule(step, delay.toNanos(), TimeUnit.NANOSECONDS);
	}

	private static void await(ScheduledFuture<?> step) {
		try {
			step.get();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
		catch (ExecutionException ex) {
			throw new IllegalStateException("A step of the restart failed", ex.getCause());
		}
	}

	/**
	 * A balancer and its settings.
	 *
	 * @param name how the report names it
	 * @param loadBalancer the {@code load-balancer} of the {@code backend} client
	 * @param properties further properties of the application
	 */
	public record Setup(String name, String loadBalancer, String... properties) {
	}

	/**
	 * When, from the start of the load, the third of three backends is stopped and
	 * restarted; how long it answers slowly after the restart, and the windows after the
	 * restart in which its share is counted.
	 */
	public record Restart(Duration stopAfter, Duration restartAfter, Duration coldFor, Duration window, int windows) {

		Duration windowEnd(int window) {
			return this.restartAfter.plus(this.window.multipliedBy(window));
		}

		Duration total() {
			return windowEnd(this.windows);
		}

	}

	/**
	 * Fresh loopback backends, each serving one request at a time.
	 */
	private static final class Backends implements AutoCloseable {

		private final List<LoopbackBackend> backends = new ArrayList<>();

		Backends(List<Duration> serviceTimes) {
			for (Duration serviceTime : serviceTimes) {
				this.backends.add(
						new LoopbackBackend("backend-" + this.backends.size()).delayedBy(serviceTime).servingAtMost(1));
			}
		}

		LoopbackBackend get(int index) {
			return this.backends.get(index);
		}

		List<String> uris() {
			return this.backends.stream().map(LoopbackBackend::uri).toList();
		}

		List<Integer> requests() {
			return this.backends.stream().map(LoopbackBackend::requests).toList();
		}

		void resetCounts() {
			this.backends.forEach(LoopbackBackend::resetCounts);
		}

		@Override
		public void close() {
			this.backends.forEach(LoopbackBackend::close);
		}

	}

	/**
	 * What callers saw with one balancer at a steady rate.
	 *
	 * @param shares each backend's share of the attempts, in the order of the backends
	 * (under skew the slow one last)
	 * @param ejections how often microkit ejected an instance: round-robin's attempts on
	 * the slow backend wait about as long as an attempt's read timeout, and a few that
	 * time out in a row eject it
	 */
	record LoadRow(String balancer, double p50Millis, double p99Millis, double p999Millis, List<Double> shares,
			long failures, long ejections, long requests) {

		static LoadRow of(String balancer, OpenLoopLoad.Outcome outcome, List<Integer> attempts, long ejections) {
			return new LoadRow(balancer, outcome.percentileMillis(50), outcome.percentileMillis(99),
					outcome.percentileMillis(99.9), sharesOf(attempts), outcome.failures(), ejections,
					outcome.latencies().getTotalCount());
		}

		double minShare() {
			return this.shares.stream().mapToDouble(Double::doubleValue).min().orElse(0);
		}

		double maxShare() {
			return this.shares.stream().mapToDouble(Double::doubleValue).max().orElse(0);
		}

		double lastShare() {
			return this.shares.get(this.shares.size() - 1);
		}

	}

	/**
	 * What the restarted backend got with one balancer.
	 *
	 * @param sharesAfterRestart its share of the attempts in each window after the
	 * restart
	 * @param ejections how often microkit ejected an instance
	 */
	record RestartRow(String balancer, List<Double> sharesAfterRestart, double p99Millis, long failures, long ejections,
			long requests) {

		static RestartRow of(String balancer, OpenLoopLoad.Outcome outcome, long ejections,
				List<List<Integer>> counts) {
			List<Double> shares = new ArrayList<>();
			for (int window = 1; window < counts.size(); window++) {
				List<Integer> before = counts.get(window - 1);
				List<Integer> after = counts.get(window);
				List<Integer> attempts = new ArrayList<>();
				for (int i = 0; i < after.size(); i++) {
					attempts.add(after.get(i) - before.get(i));
				}
				shares.add(sharesOf(attempts).get(attempts.size() - 1));
			}
			return new RestartRow(balancer, shares, outcome.percentileMillis(99), outcome.failures(), ejections,
					outcome.latencies().getTotalCount());
		}

		double bestShare() {
			return this.sharesAfterRestart.stream().mapToDouble(Double::doubleValue).max().orElse(0);
		}

	}

	private static List<Double> sharesOf(List<Integer> attempts) {
		double total = attempts.stream().mapToInt(Integer::intValue).sum();
		return attempts.stream().map((count) -> (total > 0) ? count / total : 0).toList();
	}

	public record Results(int rate, double measuredSeconds, Restart restart, List<LoadRow> skew,
			List<LoadRow> equalThree, List<LoadRow> equalTen, List<RestartRow> restarts) implements ReportSection {

		@Override
		public String key() {
			return "balanceUnderLoad";
		}

		@Override
		public Object json() {
			Map<String, Object> json = new LinkedHashMap<>();
			json.put("ratePerSecond", this.rate);
			json.put("measuredSeconds", this.measuredSeconds);
			json.put("skew", this.skew);
			json.put("equalThree", this.equalThree);
			json.put("equalTen", this.equalTen);
			json.put("restart", this.restarts);
			return json;
		}

		@Override
		public List<Target> targets() {
			List<Target> targets = new ArrayList<>();
			LoadRow floor = find(this.skew, FLOOR.name());
			LoadRow roundRobin = find(this.skew, ROUND_ROBIN.name());
			LoadRow ewma = find(this.skew, PEAK_EWMA.name());
			if (ewma != null && floor != null) {
				targets.add(Target.atMost("one at a time, peak-ewma p99 / floor p99 under skew", 1.5,
						ewma.p99Millis() / floor.p99Millis(), ""));
			}
			if (ewma != null && roundRobin != null) {
				targets.add(Target.atMost("one at a time, peak-ewma p99 / round-robin p99 under skew", 0.25,
						ewma.p99Millis() / roundRobin.p99Millis(), ""));
			}
			if (ewma != null) {
				double percent = ewma.lastShare() * 100;
				targets.add(new Target("one at a time, peak-ewma share to the slow backend", "< 0.5 %",
						Numbers.format(percent) + " %", percent < 0.5));
			}
			LoadRow three = find(this.equalThree, PEAK_EWMA.name());
			if (three != null) {
				targets.add(shareBetween("one at a time, peak-ewma, each of 3 equal backends", three, 20, 47));
			}
			LoadRow ten = find(this.equalTen, PEAK_EWMA.name());
			if (ten != null) {
				targets.add(shareBetween("one at a time, peak-ewma, each of 10 equal backends", ten, 5, 15));
			}
			RestartRow restarted = this.restarts.stream()
				.filter((row) -> row.balancer().equals(PEAK_EWMA.name()))
				.findFirst()
				.orElse(null);
			if (restarted != null) {
				targets.add(Target.atLeast(
						"peak-ewma, restarted cold backend's best window within "
								+ seconds(this.restart.window().multipliedBy(this.restart.windows())) + " s",
						20, restarted.bestShare() * 100, " %"));
			}
			return targets;
		}

		private static Target shareBetween(String what, LoadRow row, int low, int high) {
			double min = row.minShare() * 100;
			double max = row.maxShare() * 100;
			return new Target(what, low + "–" + high + " %", Numbers.format(min) + "–" + Numbers.format(max) + " %",
					min >= low && max <= high);
		}

		private static LoadRow find(List<LoadRow> rows, String balancer) {
			return rows.stream().filter((row) -> row.balancer().equals(balancer)).findFirst().orElse(null);
		}

		@Override
		public String markdown() {
			StringBuilder md = new StringBuilder();
			md.append("## Balance under load: backends serving one request at a time (")
				.append(this.rate)
				.append(" calls/s, fixed rate)\n\n");
			md.append("Each balancer in an application of its own with fresh loopback backends that serve one request "
					+ "at a time, so that latency grows with the load an instance gets; latency from when each call "
					+ "was due, measured for ")
				.append(seconds(Duration.ofMillis(Math.round(this.measuredSeconds * 1000))))
				.append(" s after a warm-up of calls one after another. Shares count attempts. The floor and peak-EWMA "
						+ "under skew run side by side and are measured in turns, ")
				.append(TURNS)
				.append(" slices each, each slice after a short uncounted run at the rate, so that their ratios do not "
						+ "depend on what else the machine did at the time.\n\n");
			md.append("### Skew: ")
				.append(FAST.toMillis())
				.append(", ")
				.append(FAST.toMillis())
				.append(" and ")
				.append(SLOW.toMillis())
				.append(" ms (ms)\n\n");
			MarkdownTable skew = new MarkdownTable().left("balancer")
				.right("p50", "p99", "p99.9", "share to slow backend", "failures", "ejections", "requests");
			for (LoadRow row : this.skew) {
				boolean floor = row.balancer().equals(FLOOR.name());
				skew.row(row.balancer(), row.p50Millis(), row.p99Millis(), row.p999Millis(),
						floor ? "–" : percent(row.lastShare()), row.failures(), row.ejections(), row.requests());
			}
			md.append(skew);
			appendRatios(md);
			md.append("\n### Equal backends, ").append(FAST.toMillis()).append(" ms each\n\n");
			MarkdownTable equal = new MarkdownTable().right("backends")
				.left("balancer")
				.right("p50 (ms)", "p99 (ms)", "share min", "share max")
				.left("each backend's share")
				.right("failures", "requests");
			addEqual(equal, this.equalThree);
			addEqual(equal, this.equalTen);
			md.append(equal);
			md.append("\n### A backend stopped and restarted cold\n\n");
			md.append("Three backends of ")
				.append(FAST.toMillis())
				.append(" ms; the third stopped ")
				.append(seconds(this.restart.stopAfter()))
				.append(" s into the load and restarted at ")
				.append(seconds(this.restart.restartAfter()))
				.append(" s, answering in ")
				.append(COLD.toMillis())
				.append(" ms for its first ")
				.append(seconds(this.restart.coldFor()))
				.append(" s. Its share of the attempts in each ")
				.append(seconds(this.restart.window()))
				.append(" s after the restart (a third is even).\n\n");
			MarkdownTable restarts = new MarkdownTable().left("balancer", "restarted backend's share, each window")
				.right("p99 (ms)", "failures", "ejections", "requests");
			for (RestartRow row : this.restarts) {
				restarts.row(row.balancer(),
						row.sharesAfterRestart().stream().map(Results::percent).collect(Collectors.joining(", ")),
						row.p99Millis(), row.failures(), row.ejections(), row.requests());
			}
			md.append(restarts);
			return md.toString();
		}

		private void appendRatios(StringBuilder md) {
			LoadRow floor = find(this.skew, FLOOR.name());
			LoadRow roundRobin = find(this.skew, ROUND_ROBIN.name());
			md.append('\n');
			for (LoadRow row : this.skew) {
				if (row.balancer().startsWith(PEAK_EWMA.name()) && floor != null && roundRobin != null) {
					md.append(row.balancer())
						.append(": p99 / floor p99 ")
						.append(Numbers.format(row.p99Millis() / floor.p99Millis()))
						.append(", / round-robin p99 ")
						.append(Numbers.format(row.p99Millis() / roundRobin.p99Millis()))
						.append(".\n");
				}
			}
		}

		private static void addEqual(MarkdownTable table, List<LoadRow> rows) {
			for (LoadRow row : rows) {
				table.row(row.shares().size(), row.balancer(), row.p50Millis(), row.p99Millis(),
						percent(row.minShare()), percent(row.maxShare()),
						row.shares().stream().map(Results::percent).collect(Collectors.joining(", ")), row.failures(),
						row.requests());
			}
		}

		private static String percent(double share) {
			return String.format("%.1f %%", share * 100);
		}

		private static String seconds(Duration duration) {
			return BigDecimal.valueOf(duration.toMillis(), 3).stripTrailingZeros().toPlainString();
		}

	}

}
