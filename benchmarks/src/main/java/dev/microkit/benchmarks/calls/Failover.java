package dev.microkit.benchmarks.calls;

import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import dev.microkit.benchmarks.measure.OpenLoopLoad;
import dev.microkit.benchmarks.report.MarkdownTable;
import dev.microkit.benchmarks.report.Numbers;
import dev.microkit.benchmarks.report.Plots;
import dev.microkit.benchmarks.report.ReportSection;
import dev.microkit.benchmarks.report.Target;
import feign.Client;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.lines.SeriesLines;
import org.knowm.xchart.style.markers.SeriesMarkers;

import org.springframework.context.ConfigurableApplicationContext;

/**
 * Three backends, one of them killed in the middle of a fixed rate of idempotent GET
 * calls: the errors callers see and how long attempts still go to the dead backend, with
 * microkit's defaults and with plain Spring Cloud LoadBalancer's (the same
 * {@code @FeignClient} over the same three instances, microkit switched off). Each setup
 * gets three fresh backends.
 */
public final class Failover {

	public static final Setup MICROKIT = new Setup("microkit defaults (peak-ewma)");

	/**
	 * Spring Cloud's defaults as an application with the starter has them: Spring Retry
	 * is on the classpath (spring-kafka brings it), so OpenFeign's load-balanced client
	 * retries a failed GET once on another instance.
	 */
	public static final Setup PLAIN = new Setup("Spring Cloud LoadBalancer defaults, microkit off",
			"microkit.calls.enabled=false");

	/**
	 * Spring Cloud's defaults in an application without Spring Retry: Spring Cloud does
	 * not retry, Apache HttpClient only retries I/O errors other than refused
	 * connections.
	 */
	public static final Setup PLAIN_WITHOUT_RETRY = new Setup("the same without Spring Retry",
			"microkit.calls.enabled=false", "spring.cloud.loadbalancer.retry.enabled=false");

	private static final long SERVICE_MICROS = 2_000;

	private static final int WORKERS = 64;

	private static final Duration BUCKET = Duration.ofMillis(250);

	private final int rate;

	private final Duration warmUp;

	private final Duration beforeKill;

	private final Duration killDelay;

	private final Duration aroundKill;

	private final Duration afterKill;

	/**
	 * A run in four phases back to back: warm-up, a steady phase, a phase into which the
	 * kill falls {@code killDelay} after its start, and a phase after it.
	 */
	public Failover(int rate, Duration warmUp, Duration beforeKill, Duration killDelay, Duration aroundKill,
			Duration afterKill) {
		this.rate = rate;
		this.warmUp = warmUp;
		this.beforeKill = beforeKill;
		this.killDelay = killDelay;
		this.aroundKill = aroundKill;
		this.afterKill = afterKill;
	}

	public Result run(List<Setup> setups) {
		return new Result(this.rate, setups.stream().map(this::measure).toList());
	}

	private Row measure(Setup setup) {
		try (BackendProcess first = BackendProcess.start("first", SERVICE_MICROS);
				BackendProcess second = BackendProcess.start("second", SERVICE_MICROS);
				BackendProcess killed = BackendProcess.start("killed", SERVICE_MICROS);
				ConfigurableApplicationContext context = CallsApplication
					.start(List.of(first.uri(), second.uri(), killed.uri()), "peak-ewma", setup.properties())) {
			InstanceAttempts attempts = new InstanceAttempts(killed.port());
			// Registered once started, since CallsApplication takes no beans: Spring
			// Cloud LoadBalancer looks its lifecycle beans up on every call.
			context.getBeanFactory().registerSingleton("killedInstanceAttempts", attempts);
			BackendClient client = context.getBean(BackendClient.class);
			OpenLoopLoad load = new OpenLoopLoad(this.rate, WORKERS);
			load.run(() -> client.work("k"), this.warmUp);
			CallerErrors errors = new CallerErrors();
			KillRun run = killDuring(load, errors.recording(() -> client.work("k")), killed);
			return Row.of(setup.name(), context.getBean(Client.class).getClass().getSimpleName(), ejections(context),
					run, attempts.startNanos(), errors);
		}
	}

	private KillRun killDuring(OpenLoopLoad load, Runnable call, BackendProcess backend) {
		long start = System.nanoTime();
		OpenLoopLoad.Outcome before = load.run(call, this.beforeKill);
		ScheduledExecutorService killer = Executors.newSingleThreadScheduledExecutor();
		ScheduledFuture<Long> killedAt = killer.schedule(backend::kill, this.killDelay.toNanos(), TimeUnit.NANOSECONDS);
		OpenLoopLoad.Outcome around = load.run(call, this.aroundKill);
		long kill = await(killedAt);
		killer.shutdown();
		OpenLoopLoad.Outcome after = load.run(call, this.afterKill);
		return new KillRun(start, kill, System.nanoTime(), before, around, after);
	}

	/**
	 * How often microkit ejected an instance, {@code null} when microkit is off.
	 */
	static Long ejections(ConfigurableApplicationContext context) {
		if (!context.getEnvironment().getProperty("microkit.calls.enabled", Boolean.class, true)) {
			return null;
		}
		MeterRegistry meters = context.getBean(MeterRegistry.class);
		return (long) meters.find("microkit.calls.ejections").counters().stream().mapToDouble(Counter::count).sum();
	}

	private static long await(ScheduledFuture<Long> killedAt) {
		try {
			return killedAt.get();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
		catch (ExecutionException ex) {
			throw new IllegalStateException("The backend could not be killed", ex.getCause());
		}
	}

	private static double millis(long nanos) {
		return nanos / 1e6;
	}

	/**
	 * A way of calling the three backends.
	 *
	 * @param name how the report names it
	 * @param properties the application's properties
	 */
	record Setup(String name, String... properties) {
	}

	/**
	 * The load phases of a run and when the backend was killed, in
	 * {@link System#nanoTime()}.
	 */
	record KillRun(long startNanos, long killNanos, long endNanos, OpenLoopLoad.Outcome before,
			OpenLoopLoad.Outcome around, OpenLoopLoad.Outcome after) {

		long requests() {
			return this.before.latencies().getTotalCount() + this.around.latencies().getTotalCount()
					+ this.after.latencies().getTotalCount();
		}

		/**
		 * Where the buckets of {@link #perSecond(long[])} start, in seconds from the
		 * kill: whole buckets of the run, one of them starting at the kill.
		 */
		double[] secondsFromKill() {
			double[] seconds = new double[bucketsBefore() + bucketsAfter()];
			for (int i = 0; i < seconds.length; i++) {
				seconds[i] = (i - bucketsBefore()) * BUCKET.toNanos() / 1e9;
			}
			return seconds;
		}

		/**
		 * Events per second in each bucket.
		 */
		double[] perSecond(long[] eventNanos) {
			double[] rates = new double[bucketsBefore() + bucketsAfter()];
			double perEvent = TimeUnit.SECONDS.toNanos(1) / (double) BUCKET.toNanos();
			for (long nanos : eventNanos) {
				long bucket = Math.floorDiv(nanos - this.killNanos, BUCKET.toNanos()) + bucketsBefore();
				if (bucket >= 0 && bucket < rates.length) {
					rates[(int) bucket] += perEvent;
				}
			}
			return rates;
		}

		private int bucketsBefore() {
			return (int) ((this.killNanos - this.startNanos) / BUCKET.toNanos());
		}

		private int bucketsAfter() {
			return (int) ((this.endNanos - this.killNanos) / BUCKET.toNanos());
		}

	}

	/**
	 * What callers and the killed backend saw with one setup.
	 *
	 * @param feignClient the Feign client Spring Cloud OpenFeign uses: whether Spring
	 * Cloud LoadBalancer retries on its own
	 * @param errorKinds caller errors by exception and root cause
	 * @param attemptsBeforeKill attempts on the backend to be killed in the steady phase
	 * @param attemptsAfterKill attempts on the killed backend from the kill to the end
	 * @param msToStopSending from the kill to the last attempt on the killed backend
	 * @param stoppedSending whether the second half of the time after the kill had no
	 * attempt on it
	 * @param msObservedAfterKill how long the run went on after the kill
	 * @param ejections how often microkit ejected an instance, {@code null} without
	 * microkit
	 * @param maxAroundKillMillis the slowest call of the phase of the kill
	 */
	record Row(String setup, String feignClient, long requests, long callerErrors, Map<String, Long> errorKinds,
			long attemptsBeforeKill, long attemptsAfterKill, double msToStopSending, boolean stoppedSending,
			double msObservedAfterKill, Long ejections, double p99BeforeMillis, double p99AroundKillMillis,
			double maxAroundKillMillis, double p99AfterMillis, double[] secondsFromKill,
			double[] attemptsOnKilledPerSecond, double[] callerErrorsPerSecond) {

		static Row of(String setup, String feignClient, Long ejections, KillRun run, long[] attemptNanos,
				CallerErrors errors) {
			long kill = run.killNanos();
			long[] afterKill = Arrays.stream(attemptNanos).filter((nanos) -> nanos >= kill).toArray();
			long lastAttempt = (afterKill.length > 0) ? afterKill[afterKill.length - 1] : kill;
			long beforeKill = Arrays.stream(attemptNanos)
				.filter((nanos) -> nanos >= run.startNanos() && nanos < kill)
				.count();
			boolean stopped = lastAttempt - kill < (run.endNanos() - kill) / 2;
			return new Row(setup, feignClient, run.requests(), errors.count(), errors.kinds(), beforeKill,
					afterKill.length, millis(lastAttempt - kill), stopped, millis(run.endNanos() - kill), ejections,
					run.before().percentileMillis(99), run.around().percentileMillis(99),
					run.around().percentileMillis(100), run.after().percentileMillis(99), run.secondsFromKill(),
					run.perSecond(attemptNanos), run.perSecond(errors.nanos()));
		}

		String timeToStop() {
			return this.stoppedSending ? Numbers.format(this.msToStopSending)
					: "never (still sending " + Numbers.format(this.msObservedAfterKill) + " ms after)";
		}

	}

	record Result(int rate, List<Row> rows) implements ReportSection {

		@Override
		public String key() {
			return "failover";
		}

		@Override
		public Object json() {
			Map<String, Object> json = new LinkedHashMap<>();
			json.put("ratePerSecond", this.rate);
			json.put("rows", this.rows);
			return json;
		}

		@Override
		public List<Target> targets() {
			return List.of(Target.atMost("failover: caller errors with microkit's defaults, 1 of 3 killed", 0,
					row(MICROKIT.name()).callerErrors(), ""));
		}

		private Row row(String setup) {
			return this.rows.stream().filter((row) -> row.setup().equals(setup)).findFirst().orElseThrow();
		}

		@Override
		public String markdown() {
			StringBuilder md = new StringBuilder();
			md.append("## Failover: one of three backends killed mid-run (")
				.append(this.rate)
				.append(" GET calls/s, fixed rate)\n\n");
			md.append("Three backends in processes of their own (2 ms per request); one gets SIGKILL in the middle of "
					+ "the run. Attempts are what Spring Cloud LoadBalancer handed out for the killed instance "
					+ "(a `LoadBalancerLifecycle`, the same for every setup), retries included; time to stop "
					+ "sending is from the kill to the last of them.\n\n");
			MarkdownTable table = new MarkdownTable().left("setup")
				.right("requests", "caller errors", "attempts on it before the kill", "after the kill",
						"time to stop sending (ms)", "ejections", "p99 before (ms)", "p99 around the kill",
						"max around the kill", "p99 after");
			for (Row row : this.rows) {
				table.row(row.setup(), row.requests(), row.callerErrors(), row.attemptsBeforeKill(),
						row.attemptsAfterKill(), row.timeToStop(), (row.ejections() != null) ? row.ejections() : "–",
						row.p99BeforeMillis(), row.p99AroundKillMillis(), row.maxAroundKillMillis(),
						row.p99AfterMillis());
			}
			md.append(table);
			md.append('\n');
			for (Row row : this.rows) {
				if (!row.errorKinds().isEmpty()) {
					md.append("Caller errors, ")
						.append(row.setup())
						.append(": ")
						.append(row.errorKinds())
						.append(".\n");
				}
			}
			md.append("\nFeign clients: ");
			md.append(this.rows.stream().map((row) -> row.setup() + " `" + row.feignClient() + "`").toList());
			md.append(". Spring Cloud LoadBalancer's defaults: round-robin over a cached instance list (35 s), no "
					+ "health check (the `health-check` configuration is opt-in), so a dead instance stays in "
					+ "rotation as long as discovery lists it. Its retries (`spring.cloud.loadbalancer.retry.enabled`, "
					+ "default `true`) need Spring Retry on the classpath, which an application with the starter has "
					+ "(spring-kafka brings it): GET only, none on the same instance, one on another, no back-off. "
					+ "Without Spring Retry only Apache HttpClient retries: once, at once, on the same instance, for "
					+ "I/O errors other than a refused connection (a stale pooled connection, say). microkit stops "
					+ "sending within the first failed attempts: peak-ewma's failure penalty (ten times the latency "
					+ "estimate) makes the dead instance the costlier of any two at once, and 5 failures "
					+ "in a row eject it for 30 s.\n");
			return md.append("\n![failover](failover.png)\n").toString();
		}

		@Override
		public void plot(Path directory) throws IOException {
			XYChart chart = new XYChartBuilder().width(1000)
				.height(500)
				.title("One of three backends killed at 0 s")
				.xAxisTitle("seconds from the kill")
				.yAxisTitle("per second")
				.build();
			chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideS);
			Color[] colors = { new Color(0x1f77b4), new Color(0xd62728), new Color(0xff7f0e) };
			for (int i = 0; i < this.rows.size(); i++) {
				Row row = this.rows.get(i);
				Color color = colors[i % colors.length];
				XYSeries attempts = chart.addSeries("attempts on the killed backend, " + row.setup(),
						row.secondsFromKill(), row.attemptsOnKilledPerSecond());
				attempts.setMarker(SeriesMarkers.NONE).setLineColor(color);
				XYSeries errors = chart.addSeries("caller errors, " + row.setup(), row.secondsFromKill(),
						row.callerErrorsPerSecond());
				errors.setMarker(SeriesMarkers.NONE).setLineColor(color).setLineStyle(SeriesLines.DASH_DASH);
			}
			Plots.save(chart, directory, "failover.png");
		}

	}

}
